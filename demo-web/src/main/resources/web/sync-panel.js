// The demo's "two devices" panel: notes synced through the demo's sync server with
// keepsake-sync.js (or keepsake-sync.wasm with ?build=wasm). Open the page in a second browser
// or profile to get a second device; switch one offline, edit on both, switch back.
// It reads GET /sync-config.json ({url, scope, token}); without it the panel says so and stays idle.
const params = new URLSearchParams(location.search);
const wasm = params.get("build") === "wasm";

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

function section() {
  const s = el("section", { id: "sync-section" });
  s.innerHTML = `
    <h2>Sync: two devices <span class="hint">open this page in another browser or profile</span></h2>
    <p>Device <b id="sync-device"></b> · <span id="sync-state" class="state offline">offline</span>
      · <span id="sync-pending-count">0</span> pending · <span id="sync-role" class="hint"></span></p>
    <label><input type="checkbox" id="sync-offline"> Pretend this device is offline</label>
    <form id="sync-form"><input id="sync-new" placeholder="A shared note" autocomplete="off">
      <button id="sync-add">Add</button></form>
    <ul id="sync-notes"></ul>
    <h3 class="hint">Outbox (not yet answered by the server)</h3><ul id="sync-pending"></ul>
    <h3 class="hint">Conflicts (kept, and shown)</h3><ul id="sync-conflicts"></ul>
    <p class="hint" id="sync-message"></p>`;
  return s;
}

function deviceName() {
  let name = localStorage.getItem("keepsake-demo-device");
  if (!name) {
    name = "device-" + Math.random().toString(36).slice(2, 6);
    localStorage.setItem("keepsake-demo-device", name);
  }
  return name;
}

async function loadSync() {
  if (wasm) {
    const { load } = await import("./keepsake.wasm-runtime.js");
    return (await load("keepsake-sync.wasm")).exports;
  }
  return await import("./keepsake-sync.js");
}

async function start() {
  document.head.append(el("link", { rel: "stylesheet", href: "sync-panel.css" })); // the CSP allows no inline style
  const panel = section();
  (document.querySelector("main") || document.body).append(panel);
  const $ = (id) => document.getElementById(id);
  const device = deviceName();
  $("sync-device").textContent = device;

  const answer = await fetch("sync-config.json", { cache: "no-store" }).catch(() => null);
  if (!answer || !answer.ok) {
    $("sync-message").textContent = "No sync server: start the demo with java -jar demo-web/target/keepsake-demo.jar.";
    panel.querySelectorAll("input, button").forEach((n) => (n.disabled = true));
    window.syncPanel = { ready: true, configured: false };
    return;
  }
  const config = await answer.json();
  const keepsake = await loadSync();
  const kv = keepsake.openKeyValue({
    name: "keepsake-demo-sync", keyPrefix: "shared", debounceMs: 50,
    sync: { url: config.url, scope: config.scope, token: config.token, minBackoffMs: 250, maxBackoffMs: 5000 },
    onError: (error) => ($("sync-message").textContent = error.code + ": " + error.message),
  });
  await kv.ready;

  let rendering = false, again = false;
  async function render() {
    if (rendering) { again = true; return; }
    rendering = true;
    try {
      const status = kv.sync.status;
      $("sync-state").textContent = status.state;
      $("sync-state").className = "state " + status.state;
      $("sync-pending-count").textContent = String(status.pending);
      $("sync-role").textContent = status.leader ? "this tab talks to the server" : "another tab talks to the server";
      const list = $("sync-notes");
      if (!list.contains(document.activeElement)) { // never replace the note being edited
        const keys = (await kv.keys()).filter((k) => k.startsWith("note-")).sort();
        const values = await kv.getMany(keys);
        list.replaceChildren(...keys.map((key, i) => {
          const note = values[i] || {};
          const input = el("input", { type: "text", value: note.text || "" });
          input.addEventListener("change", () => kv.set(key, { ...note, text: input.value, by: device }));
          return el("li", {}, el("span", { className: "who", textContent: note.by || "" }), input);
        }));
      }
      $("sync-pending").replaceChildren(...kv.sync.pendingWrites().map((f) =>
        el("li", { textContent: f.key + " · " + f.outcome })));
      $("sync-conflicts").replaceChildren(...status.conflicts.map((c) =>
        el("li", { textContent: c.key + " (write " + c.id + "): the last write was kept" })));
    } finally {
      rendering = false;
      if (again) { again = false; render(); }
    }
  }

  $("sync-offline").addEventListener("change", () => { kv.sync.setOffline($("sync-offline").checked); render(); });
  $("sync-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("sync-new").value.trim();
    if (!text) return;
    $("sync-new").value = "";
    await kv.set("note-" + Date.now().toString(36) + "-" + device, { text, by: device });
    render();
  });
  kv.sync.onStatus(() => render());
  kv.sync.onFate(() => render());
  setInterval(render, 1000);
  await render();
  window.syncPanel = { ready: true, configured: true, kv, device, render };
}

start().catch((error) => {
  window.syncPanel = { ready: true, failure: String(error && error.stack || error) };
  const message = document.getElementById("sync-message");
  if (message) message.textContent = "The sync panel failed: " + error;
});
