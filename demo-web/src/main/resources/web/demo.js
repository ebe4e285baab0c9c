// The Keepsake demo: a plain page on the compiled library (keepsake.js or keepsake.wasm).
const params = new URLSearchParams(location.search);
const build = params.get("build") === "wasm" ? "wasm" : "js";
const $ = (id) => document.getElementById(id);

async function loadKeepsake() {
  if (build === "wasm") {
    const { load } = await import("./keepsake.wasm-runtime.js");
    return (await load("keepsake.wasm")).exports;
  }
  return await import("./keepsake.js");
}

function logFlush(what, report) {
  const row = document.createElement("tr");
  const time = new Date(report.startedAt).toLocaleTimeString();
  for (const text of [time, what + (report.ok ? "" : " ✗ " + report.error.code), report.entries, report.bytes, report.durationMs]) {
    const cell = document.createElement("td");
    cell.textContent = String(text);
    row.appendChild(cell);
  }
  $("flush-log").prepend(row);
  while ($("flush-log").children.length > 12) $("flush-log").lastChild.remove();
  refreshStorage();
}

let keepsake, board, machine, refreshing = false;

async function refreshStorage() {
  if (refreshing || !board) return;
  refreshing = true;
  try {
    const info = await board.info();
    $("backend").textContent = info.backend + (info.persistent ? "" : " (not persistent)");
    $("fallbacks").textContent = info.fallbacks.length ? "fallback chosen: " + info.fallbacks.join("; ") : "first choice";
    $("used").textContent = info.usedBytes.toLocaleString() + " bytes";
    $("available").textContent = info.availableBytes == null ? "unknown" : info.availableBytes.toLocaleString() + " bytes";
    $("entries").textContent = info.entryCount;
    const share = info.availableBytes ? info.usedBytes / (info.usedBytes + info.availableBytes) : 0;
    $("used-bar").style.width = Math.max(1, Math.min(100, share * 100 * 1000)) + "%";
    $("used-bar").title = (share * 100).toFixed(4) + "% of the quota (scaled ×1000 to be visible)";
  } finally {
    refreshing = false;
  }
}

// ---- notes board -------------------------------------------------------------------------
function renderBoard(value) {
  const list = $("notes");
  const focused = document.activeElement && document.activeElement.dataset.id;
  list.replaceChildren();
  for (const note of value.notes) {
    const item = document.createElement("li");
    item.className = note.done ? "done" : "";
    const done = document.createElement("input");
    done.type = "checkbox";
    done.checked = note.done;
    done.addEventListener("change", () => board.update((b) => ({ notes: b.notes.map((n) => n.id === note.id ? { ...n, done: done.checked } : n) })));
    const text = document.createElement("input");
    text.type = "text";
    text.value = note.text;
    text.dataset.id = String(note.id);
    text.className = "note-text";
    text.addEventListener("input", () => board.update((b) => ({ notes: b.notes.map((n) => n.id === note.id ? { ...n, text: text.value } : n) })));
    const remove = document.createElement("button");
    remove.textContent = "×";
    remove.addEventListener("click", () => board.update((b) => ({ notes: b.notes.filter((n) => n.id !== note.id) })));
    item.append(done, text, remove);
    list.appendChild(item);
    if (focused === String(note.id)) { text.focus(); text.setSelectionRange(text.value.length, text.value.length); }
  }
  $("note-count").textContent = value.notes.length;
  $("hydration").textContent = board.hydration;
  measure(value);
}

// ---- stored size under the chosen compression and encryption -------------------------------
const probes = new Map();
function probe() {
  const compression = $("compression").value, encrypted = $("encryption").checked;
  const id = compression + (encrypted ? "-aes" : "");
  if (!probes.has(id)) {
    probes.set(id, keepsake.openKeyValue({
      backend: "memory", name: "demo-size-" + id, debounceMs: 0, compression, sync: false, flushOnHide: false,
      encryption: encrypted ? { passphrase: "demo passphrase", iterations: 100000 } : undefined,
      onFlush: (report) => { if (report.ok) $("stored-size").textContent = report.bytes; },
    }));
  }
  return probes.get(id);
}
let measureTimer = 0;
function measure(value) {
  $("json-size").textContent = new TextEncoder().encode(JSON.stringify(value)).length;
  clearTimeout(measureTimer);
  measureTimer = setTimeout(() => probe().set("notes", value).catch((e) => { $("stored-size").textContent = e.code; }), 50);
}

// ---- checkout machine ----------------------------------------------------------------------
const checkout = {
  initial: "cart", context: { items: 0 },
  states: {
    cart: { on: { ADD: { target: "cart", update: (ctx) => ({ items: ctx.items + 1 }) },
                  NEXT: { target: "address", guard: (ctx) => ctx.items > 0 } } },
    address: { on: { BACK: "cart", NEXT: "payment" } },
    payment: { on: { BACK: "address", NEXT: "done" } },
    done: { on: { RESET: { target: "cart", update: () => ({ items: 0 }) } } },
  },
};
function renderMachine() {
  $("diagram").replaceChildren(...machine.states.map((name) => {
    const item = document.createElement("li");
    item.textContent = name;
    item.className = name === machine.state ? "current" : "";
    item.id = "state-" + name;
    return item;
  }));
  $("machine-state").textContent = machine.state;
  $("machine-items").textContent = machine.context.items;
  for (const button of document.querySelectorAll("#machine-buttons button")) {
    button.disabled = !machine.can(button.dataset.event);
  }
}

async function main() {
  $("build-" + build).className = "current";
  $("second-tab").href = location.href;
  keepsake = await loadKeepsake();
  $("build-status").textContent = build === "wasm" ? "running keepsake.wasm" : "running keepsake.js";

  board = keepsake.openStore({
    name: "keepsake-demo", key: "board", initial: { notes: [] }, debounceMs: 250,
    onFlush: (report) => logFlush("notes", report),
    onError: (error) => console.warn("board:", error.code, error.message),
  });
  board.subscribe(renderBoard);
  machine = keepsake.createMachine(checkout, {
    name: "keepsake-demo", key: "checkout", debounceMs: 0,
    onError: (error) => console.warn("checkout:", error.code, error.message),
  });
  machine.subscribe(renderMachine);
  machine.subscribe(() => refreshStorage());

  $("add-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("new-note").value.trim();
    if (!text) return;
    board.update((b) => ({ notes: [...b.notes, { id: Date.now(), text, done: false }] }));
    $("new-note").value = "";
  });
  for (const button of document.querySelectorAll("#machine-buttons button")) {
    button.addEventListener("click", () => machine.send(button.dataset.event));
  }
  $("compression").addEventListener("change", () => measure(board.get()));
  $("encryption").addEventListener("change", () => measure(board.get()));

  await Promise.all([board.ready, machine.ready]);
  renderBoard(board.get());
  renderMachine();
  await refreshStorage();
  window.demo = { keepsake, board, machine, build };
  window.demoReady = true;
}

main().catch((error) => {
  window.demoFailure = String(error && error.stack || error);
  $("build-status").textContent = "failed: " + error;
});
