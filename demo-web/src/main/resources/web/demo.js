// The Keepsake demo: a plain page on the compiled library (keepsake.js or keepsake.wasm).
const params = new URLSearchParams(location.search);
const build = params.get("build") === "wasm" ? "wasm" : "js";
const $ = (id) => document.getElementById(id);
// What the server's Content-Security-Policy blocked, if anything: the page tests expect nothing.
window.demoCspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.demoCspViolations.push(e.violatedDirective + " " + e.blockedURI));

// ---- the page's own settings and log, kept in localStorage beside (never inside) Keepsake's data --
const SETTINGS_KEY = "keepsake-demo-settings", LOG_KEY = "keepsake-demo-flushes", LOG_ROWS = 20;
const BACKENDS = ["auto", "indexeddb", "localstorage", "memory"], COMPRESSIONS = ["none", "gzip", "lz4"];
function readJson(key, fallback) {
  try {
    const text = localStorage.getItem(key);
    return text ? JSON.parse(text) : fallback;
  } catch (e) {
    return fallback; // storage blocked or the text mangled: the defaults do
  }
}
function writeJson(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (e) {
    // Storage blocked (the page then runs on memory): the setting lasts until the reload.
  }
}
const saved = readJson(SETTINGS_KEY, {}) || {};
const settings = {
  backend: BACKENDS.includes(params.get("backend")) ? params.get("backend") : BACKENDS.includes(saved.backend) ? saved.backend : "auto",
  compression: COMPRESSIONS.includes(saved.compression) ? saved.compression : "none",
  encryption: saved.encryption === true,
};

// ---- words and numbers as people read them -------------------------------------------------
function plural(count, one, many) {
  return count.toLocaleString("en") + " " + (count === 1 ? one : many);
}
function formatBytes(bytes) {
  if (bytes == null || !Number.isFinite(bytes)) return "unknown";
  if (bytes < 1024) return plural(bytes, "byte", "bytes");
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return (value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString("en")) + " " + units[unit];
}
const BACKEND_NAMES = { indexeddb: "IndexedDB", localstorage: "localStorage", memory: "memory" };
// The library reports why it passed a backend over as "<backend name>: <message>", where the
// message names the backend again, quotes the browser's error and the probe's internal key, and
// may end in the text "null" (an exception without a message). The page says which storage it
// was and why, in words, once.
const BROWSER_REFUSALS = {
  SecurityError: "the browser blocks site data for this page (cookies and site data blocked, or a sandboxed frame)",
  QuotaExceededError: "its storage quota is used up",
  InvalidStateError: "it is unavailable in this window (a private window may refuse it)",
};
function describeFallback(line) {
  const text = String(line == null ? "" : line);
  const name = /^\s*indexeddb/i.test(text) ? "IndexedDB" : /^\s*localstorage/i.test(text) ? "localStorage" : "A storage";
  const error = /\b([A-Z][A-Za-z]*Error)\b(?::\s*([^)]*))?/.exec(text);
  let reason = error && BROWSER_REFUSALS[error[1]];
  if (!reason && error && /denied|permission|not allowed/i.test(error[2] || "")) reason = "the browser denied it permission";
  if (!reason) {
    reason = text
      .replace(/\b(indexedDB|localStorage)(\([^)]*\))?\s*:?/gi, "")
      .replace(/\s*(for |of |at |under )?(the )?key\s*(['"\u201c\u2018`])[^]*?['"\u201d\u2019`]/gi, "")
      .replace(/[\u0000-\u001f]/g, "")
      .replace(/\b(null|undefined)\b/g, "")
      .replace(/\(\s*\)/g, "")
      .replace(/\s*:\s*(?=[:;,.)]|$)/g, "")
      .replace(/\s{2,}/g, " ")
      .replace(/^[\s:;,.-]+|[\s:;,.-]+$/g, "");
  }
  return name + " could not be used: " + (reason || "the browser refused it without saying why") + (error ? " (" + error[1] + ")" : "") + ".";
}
window.demoText = { plural, formatBytes, describeFallback };

// ---- the flush log: every store's writes, newest first, kept across reloads -----------------
const logRows = (readJson(LOG_KEY, []) || []).filter((row) => row && typeof row.at === "number").slice(0, LOG_ROWS);
function renderLog() {
  $("flush-log").replaceChildren(...logRows.map((row) => {
    const line = document.createElement("tr");
    line.dataset.at = String(row.at);
    const cells = [new Date(row.at).toLocaleTimeString([], { hour12: false }), row.what + (row.ok ? "" : " ✗ " + row.error),
      row.entries == null ? "—" : String(row.entries), row.bytes == null ? "—" : formatBytes(row.bytes), String(row.ms)];
    for (const text of cells) {
      const cell = document.createElement("td");
      cell.textContent = text;
      line.appendChild(cell);
    }
    if (!row.ok) line.cells[1].className = "failed";
    if (row.bytes == null) line.cells[3].title = "a machine reports no byte count; its flush is timed from the event";
    return line;
  }));
}
function logFlush(what, report) {
  logRows.unshift({ at: report.startedAt, what, ok: report.ok, error: report.ok ? null : (report.error && report.error.code) || "failed",
    entries: report.entries, bytes: report.bytes, ms: Math.round(report.durationMs) });
  logRows.length = Math.min(logRows.length, LOG_ROWS);
  writeJson(LOG_KEY, logRows);
  renderLog();
  if (what === "notes" && report.ok) showStoredSize(report.bytes);
  refreshStorage();
}

let keepsake, board, machine, refreshing = false;

async function refreshStorage() {
  if (refreshing || !board) return;
  refreshing = true;
  try {
    const info = await board.info();
    $("backend").textContent = BACKEND_NAMES[info.backend] + (info.persistent ? "" : " (not persistent: lost on reload)");
    $("fallbacks").replaceChildren(...info.fallbacks.map((line) => {
      const item = document.createElement("li");
      item.textContent = describeFallback(line);
      return item;
    }));
    $("used").textContent = formatBytes(info.usedBytes);
    $("available").textContent = info.availableBytes == null ? "an unknown quota" : formatBytes(info.availableBytes);
    $("entries").textContent = plural(info.entryCount, "entry", "entries");
    $("entries").dataset.count = String(info.entryCount);
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
  $("note-count").textContent = plural(value.notes.length, "note", "notes");
  $("note-count").dataset.count = String(value.notes.length);
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

// ---- how the notes are stored: the board's own compression and encryption -----------------------
function showStoredSize(bytes) {
  $("stored-size").textContent = formatBytes(bytes);
  $("stored-size").dataset.bytes = String(bytes);
}
function measure(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  $("json-size").textContent = formatBytes(bytes);
  $("json-size").dataset.bytes = String(bytes);
}
function storageOptions() {
  return {
    name: "keepsake-demo", backend: settings.backend,
    onError: (error) => console.warn("keepsake:", error.code, error.message),
  };
}
function openBoard(initial) {
  const store = keepsake.openStore({
    ...storageOptions(), key: "board", initial, debounceMs: 250, compression: settings.compression,
    // Reads notes stored before encryption was switched on; each is encrypted when next written.
    encryption: settings.encryption ? { passphrase: "demo passphrase", iterations: 100000, readUnencrypted: true } : undefined,
    onFlush: (report) => logFlush("notes", report),
    onConflict: showConflict,
    onError: (error) => console.warn("board:", error.code, error.message),
  });
  store.subscribe(renderBoard);
  return store;
}
// Rewrites the board under the new compression and encryption: a value another setting wrote is
// still read (compression is recorded per value, readUnencrypted reads plain values). Turning
// encryption off opens a store that cannot read the sealed board (it reports that and starts from
// the board in memory); its first flush replaces the sealed value in one write, so there is never
// a moment with no board stored. The board's inputs are held meanwhile: an edit typed into a
// closed store would be refused.
let applying = Promise.resolve();
function holdBoard(held) {
  for (const id of ["compression", "encryption", "new-note", "add-note"]) $(id).disabled = held;
  for (const input of document.querySelectorAll("#notes input, #notes button")) input.disabled = held;
}
function applyStorageSettings() {
  // One switch at a time; one that failed (and was reported) does not stop the next.
  applying = applying.catch(() => {}).then(async () => {
    holdBoard(true);
    try {
      const value = board.get();
      await board.flush();
      await board.close();
      board = openBoard(value);
      await board.ready;
      board.set(value);
      await board.flush();
      writeJson(SETTINGS_KEY, settings);
      window.demo.board = board;
    } finally {
      holdBoard(false);
    }
  });
  return applying;
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
  showMachineItems();
  for (const button of document.querySelectorAll("#machine-buttons button")) {
    button.disabled = !machine.can(button.dataset.event);
  }
}

function showMachineItems() {
  $("machine-items").textContent = plural(machine.context.items, "item", "items");
}

function sendToMachine(event) {
  const startedAt = Date.now(), started = performance.now();
  if (!machine.send(event)) return;
  // A machine reports no flushes of its own: the page times the write from the event to durable.
  machine.flush().then(
    () => logFlush("checkout (" + machine.state + ")", { startedAt, ok: true, entries: 1, bytes: null, durationMs: performance.now() - started }),
    (error) => logFlush("checkout", { startedAt, ok: false, error, entries: 1, bytes: null, durationMs: performance.now() - started }));
}

// When the wasm-gc build cannot load (no WebAssembly GC in this browser, or the file blocked),
// the page says so and links the JavaScript build; its controls stay disabled, never dead.
function showLoadFailure(error) {
  const reason = String((error && error.message) || error || "unknown error");
  const box = $("load-failure");
  box.replaceChildren();
  if (build === "wasm") {
    box.append("The WebAssembly (wasm-gc) build could not load: " + reason
      + ". This browser may lack WebAssembly GC, or keepsake.wasm was blocked. ");
    const other = new URLSearchParams(location.search);
    other.set("build", "js");
    const link = document.createElement("a");
    link.id = "use-js";
    link.href = "?" + other;
    link.textContent = "Use the JavaScript build instead";
    box.append(link);
  } else {
    box.append("Keepsake could not load: " + reason + ". Reload the page to try again.");
  }
  box.hidden = false;
  $("build-status").textContent = "not loaded";
  $("hydration").textContent = "not started";
}

async function loadKeepsake() {
  if (build === "wasm") {
    const { load } = await import("./keepsake.wasm-runtime.js");
    return (await load("keepsake.wasm")).exports;
  }
  return await import("./keepsake.js");
}

async function main() {
  $("build-" + build).className = "current";
  $("second-tab").href = location.href;
  renderLog();
  try {
    keepsake = await loadKeepsake();
  } catch (error) {
    showLoadFailure(error);
    throw error;
  }
  $("build-status").textContent = build === "wasm" ? "running keepsake.wasm" : "running keepsake.js";

  $("backend-choice").value = settings.backend;
  $("compression").value = settings.compression;
  $("encryption").checked = settings.encryption;
  board = openBoard({ notes: [] });
  machine = keepsake.createMachine(checkout, {
    ...storageOptions(), key: "checkout", debounceMs: 0,
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
    button.addEventListener("click", () => sendToMachine(button.dataset.event));
  }
  $("backend-choice").addEventListener("change", async () => {
    settings.backend = $("backend-choice").value;
    writeJson(SETTINGS_KEY, settings);
    await Promise.allSettled([board.flush(), machine.flush()]);
    const next = new URLSearchParams(location.search);
    next.delete("backend");
    location.search = "?" + next;
  });
  for (const id of ["compression", "encryption"]) {
    $(id).addEventListener("change", () => {
      settings.compression = $("compression").value;
      settings.encryption = $("encryption").checked;
      applyStorageSettings().catch((error) => console.warn("settings:", error));
    });
  }
  $("clear-log").addEventListener("click", () => { logRows.length = 0; writeJson(LOG_KEY, logRows); renderLog(); });
  // Another tab changed how the notes are stored: read them again the new way.
  window.addEventListener("storage", (event) => { if (event.key === SETTINGS_KEY) location.reload(); });

  await Promise.all([board.ready, machine.ready]);
  renderBoard(board.get());
  renderMachine();
  for (const id of ["new-note", "add-note", "backend-choice", "compression", "encryption", "clear-log"]) $(id).disabled = false;
  await refreshStorage();
  window.demo = { keepsake, board, machine, build, settings, applying: () => applying };
  window.demoReady = true;
}

main().catch((error) => {
  window.demoFailure = String(error && error.stack || error);
  if ($("load-failure").hidden) $("build-status").textContent = "failed: " + error;
});
