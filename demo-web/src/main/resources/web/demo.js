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
// Each note's row is made once and then updated in place: replacing the rows on every change
// would replace the input being typed in, and put the caret at the end on every keystroke.
function noteRow(id) {
  const item = document.createElement("li");
  item.dataset.id = String(id);
  const done = document.createElement("input");
  done.type = "checkbox";
  done.addEventListener("change", () => board.update((b) => ({ notes: b.notes.map((n) => n.id === id ? { ...n, done: done.checked } : n) })));
  const text = document.createElement("input");
  text.type = "text";
  text.dataset.id = String(id);
  text.className = "note-text";
  text.addEventListener("input", () => {
    const before = (board.get().notes.find((n) => n.id === id) || {}).text, mine = text.value;
    // Run again on a newer board when another tab saved first (the store rebases): a text
    // other than the one this edit started from means that tab edited this note too.
    board.update((b) => ({ notes: b.notes.map((n) => {
      if (n.id !== id) return n;
      if (n.text !== before && n.text !== mine) clashes.set(id, n.text);
      return { ...n, text: mine };
    }) }));
  });
  const remove = document.createElement("button");
  remove.textContent = "×";
  remove.addEventListener("click", () => board.update((b) => ({ notes: b.notes.filter((n) => n.id !== id) })));
  item.append(done, text, remove);
  return item;
}

function showNote(item, note) {
  const [done, text] = item.children;
  item.className = note.done ? "done" : "";
  done.checked = note.done;
  if (text.value !== note.text) {
    // Another tab changed this note: keep the caret where it was if it is being edited here.
    const editing = document.activeElement === text;
    const start = text.selectionStart, end = text.selectionEnd;
    text.value = note.text;
    if (editing) text.setSelectionRange(Math.min(start, text.value.length), Math.min(end, text.value.length));
  }
}

function renderBoard(value) {
  const list = $("notes");
  const rows = new Map([...list.children].map((item) => [item.dataset.id, item]));
  const wanted = value.notes.map((note) => {
    const row = rows.get(String(note.id)) || noteRow(note.id);
    showNote(row, note);
    return row;
  });
  for (const [id, row] of rows) if (!value.notes.some((n) => String(n.id) === id)) row.remove();
  // Move rows only where the order changed: moving the row being edited would take its focus.
  wanted.forEach((row, index) => { if (list.children[index] !== row) list.insertBefore(row, list.children[index] || null); });
  $("note-count").textContent = value.notes.length;
  $("hydration").textContent = board.hydration;
  measure(value);
}

// What the store reports when its save met a newer board from another tab: it re-applied this
// tab's unsaved edits to that board. Edits to different notes both stay; for a note both tabs
// edited, this tab's text replaced the other's, and the page says so.
const clashes = new Map();
function showConflict(conflict) {
  const lines = [...clashes].map(([id, theirs]) => {
    const kept = (conflict.resolved.notes.find((n) => n.id === id) || {}).text;
    return "both tabs edited a note: kept \u201c" + kept + "\u201d over \u201c" + theirs + "\u201d";
  });
  clashes.clear();
  $("conflict").textContent = lines.length ? lines.join("; ")
    : "another tab saved the board first: your edits were applied on top of it";
  $("conflict").dataset.count = String(Number($("conflict").dataset.count || 0) + 1);
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
    onConflict: showConflict,
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
