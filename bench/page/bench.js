// One navigation of the comparison benchmark does one task, given in the query string:
//   ?task=write&lib=...&payload=...&round=N   write N_KEYS values, then read them back warm
//   ?task=cold&lib=...&payload=...&round=N    a fresh page reads what the write task stored
//   ?task=churn&lib=...                       100,000 updates over 100 keys, durable lag
// The result (or the error) is left in window.benchResult for run-browser.py to collect.

const params = new URLSearchParams(location.search);
const task = params.get("task");
const lib = params.get("lib");
const payload = params.get("payload") || "str100";
const round = Number(params.get("round") || "0");
const N_KEYS = Number(params.get("keys") || "2000");

const now = () => performance.now();

function makeValue(i) {
  // Every round writes different values, so a cold read proves it read this round's write.
  if (payload === "bytes1k") {
    const v = new Uint8Array(1024);
    for (let j = 0; j < v.length; j++) v[j] = (i * 7 + round * 13 + j) & 255;
    return v;
  }
  const length = payload === "str1k" ? 1024 : 100;
  const head = "r" + round + "k" + i + ":";
  return head + "x".repeat(length - head.length);
}

function check(i, value) {
  const expected = makeValue(i);
  if (expected instanceof Uint8Array) {
    if (!(value instanceof Uint8Array) || value.length !== expected.length) throw new Error("bad value for key " + i + ": " + value);
    for (let j = 0; j < value.length; j++) if (value[j] !== expected[j]) throw new Error("bad byte for key " + i);
  } else if (value !== expected) {
    throw new Error("bad value for key " + i + ": " + String(value).slice(0, 40));
  }
}

const keys = [];
for (let i = 0; i < N_KEYS; i++) keys.push("key-" + i);

// ---- Keepsake (JS or wasm-gc build) ---------------------------------------------------------

// "-base" libraries load the build in /web-base (run-browser.sh BASE_WEB=dir): an older build
// measured in the same run, so before and after see the same machine load.
async function keepsakeApi(build, dir) {
  if (build === "js") return await import(dir + "/keepsake.js");
  const { load } = await import(dir + "/keepsake.wasm-runtime.js");
  const teavm = await load(dir + "/keepsake.wasm");
  return teavm.exports;
}

function keepsakeKv(api, name, extra) {
  return api.openKeyValue(Object.assign({ backend: "indexeddb", name, keyPrefix: "b" }, extra || {}));
}

// ---- the libraries, each behind the same four operations -----------------------------------

async function adapter(libName, api) {
  const name = "bench-" + libName + "-" + payload;
  switch (libName) {
    case "keepsake-js":
    case "keepsake-wasm":
    case "keepsake-js-tuned":
    case "keepsake-wasm-tuned":
    case "keepsake-js-base":
    case "keepsake-wasm-base":
    case "keepsake-js-b100":
    case "keepsake-wasm-b100":
    case "keepsake-js-each":
    case "keepsake-wasm-each":
    case "keepsake-js-base-each":
    case "keepsake-wasm-base-each": {
      // "tuned": one batch and a cache as large as the data set (maxBatchSize, cacheSize);
      // "b100": batches of 100 keys, the default before it became 10,000.
      const tuned = libName.endsWith("-tuned") ? { maxBatchSize: keys.length, cacheSize: keys.length }
        : libName.endsWith("-b100") ? { maxBatchSize: 100 } : {};
      const kv = keepsakeKv(api, name, tuned);
      await kv.ready;
      return {
        kv,
        // "-each": set every key, then flush, timed until every set is committed; the others
        // write all 2000 with one setMany (as idb-keyval's setMany), timed until it resolves.
        async write() {
          if (!libName.endsWith("-each")) {
            await kv.setMany(keys.map((k, i) => [k, makeValue(i)]));
            return;
          }
          const acks = keys.map((k, i) => kv.set(k, makeValue(i)));
          await kv.flush();
          await Promise.all(acks);
        },
        async readEach(check, from = 0) { for (let i = from; i < keys.length; i++) check(i, await kv.get(keys[i])); },
        async readAll(check) { const vs = await kv.getMany(keys); vs.forEach((v, i) => check(i, v)); },
      };
    }
    case "localforage": {
      const store = localforage.createInstance({ name, storeName: "kv", driver: localforage.INDEXEDDB });
      await store.ready();
      return {
        async write() { for (let i = 0; i < keys.length; i++) await store.setItem(keys[i], makeValue(i)); },
        async readEach(check, from = 0) { for (let i = from; i < keys.length; i++) check(i, await store.getItem(keys[i])); },
        async readAll(check) { for (let i = 0; i < keys.length; i++) check(i, await store.getItem(keys[i])); },
      };
    }
    case "idbkv-set":
    case "idbkv-setMany": {
      const store = idbKeyval.createStore("bench-idbkv-" + payload, "kv");
      return {
        async write() {
          if (libName === "idbkv-set") {
            for (let i = 0; i < keys.length; i++) await idbKeyval.set(keys[i], makeValue(i), store);
          } else {
            await idbKeyval.setMany(keys.map((k, i) => [k, makeValue(i)]), store);
          }
        },
        async readEach(check, from = 0) { for (let i = from; i < keys.length; i++) check(i, await idbKeyval.get(keys[i], store)); },
        async readAll(check) { const vs = await idbKeyval.getMany(keys, store); vs.forEach((v, i) => check(i, v)); },
      };
    }
    case "idb-strict-many":
    case "idb-relaxed-many": {
      // The floor of a batched write: the same records put by hand in one readwrite transaction
      // with that durability (Keepsake asks "strict"; idb-keyval gets Chromium's "relaxed").
      const durability = libName.split("-")[1];
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => open.result.createObjectStore("kv");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const done = (tx) => new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onabort = tx.onerror = () => reject(tx.error);
      });
      const getAll = async (from) => {
        const tx = db.transaction("kv", "readonly");
        const store = tx.objectStore("kv");
        const requests = keys.slice(from).map(k => store.get(k));
        await done(tx);
        return requests.map(r => r.result);
      };
      return {
        kv: { close: async () => db.close() },
        async write() {
          const tx = db.transaction("kv", "readwrite", { durability });
          const store = tx.objectStore("kv");
          for (let i = 0; i < keys.length; i++) store.put(makeValue(i), keys[i]);
          await done(tx);
        },
        async readEach(check, from = 0) { (await getAll(from)).forEach((v, i) => check(from + i, v)); },
        async readAll(check) { (await getAll(0)).forEach((v, i) => check(i, v)); },
      };
    }
    case "dexie": {
      const db = new Dexie(name);
      db.version(1).stores({ kv: "" });
      await db.open();
      return {
        async write() { await db.kv.bulkPut(keys.map((k, i) => makeValue(i)), keys); },
        async readEach(check, from = 0) { for (let i = from; i < keys.length; i++) check(i, await db.kv.get(keys[i])); },
        async readAll(check) { const vs = await db.kv.bulkGet(keys); vs.forEach((v, i) => check(i, v)); },
      };
    }
    default:
      throw new Error("unknown lib " + libName);
  }
}

// ---- tasks -----------------------------------------------------------------------------------

async function loadApi() {
  const dir = lib.endsWith("-base") || lib.endsWith("-base-each") ? "/web-base" : "/web";
  if (lib.startsWith("keepsake-js")) return keepsakeApi("js", dir);
  if (lib.startsWith("keepsake-wasm")) return keepsakeApi("wasm", dir);
  return null;
}

async function writeTask() {
  const api = await loadApi();
  const a = await adapter(lib, api);
  let t = now();
  await a.write();
  const writeMs = now() - t;
  if (params.get("reads") === "0") { if (a.kv) await a.kv.close(); return { writeMs }; } // profiling the write alone
  t = now();
  await a.readEach(check);
  const warmReadMs = now() - t;
  // Keepsake's cache holds 1000 values by default (not settable from JS yet): read again only
  // the last 1000 written, which it does hold, for every library alike.
  const from = Math.max(0, keys.length - 1000);
  t = now();
  await a.readEach(check, from);
  const warmRead1000Ms = (now() - t) * 1000 / (keys.length - from);
  if (a.kv) await a.kv.close();
  return { writeMs, warmReadMs, warmRead1000Ms };
}

async function coldTask() {
  const api = await loadApi(); // loading the code is not part of the read
  const t = now();
  const a = await adapter(lib, api);
  await a.readAll(check);
  const coldReadMs = now() - t;
  if (a.kv) await a.kv.close();
  return { coldReadMs };
}

// One awaited write at a time, ONE_KEYS of them: idb-keyval `set` and localForage `setItem`
// awaited one by one; Keepsake `set` then `flush()`, awaited (without the flush an awaited set
// waits for the debounce). Result: ms per write.
const ONE_KEYS = Number(params.get("one") || "200");

async function oneTask() {
  const api = await loadApi();
  let write;
  let finish = async () => {};
  if (lib.startsWith("keepsake")) {
    const kv = keepsakeKv(api, "bench-one-" + lib + "-" + payload);
    await kv.ready;
    write = async (k, v) => { const saved = kv.set(k, v); await kv.flush(); await saved; };
    finish = () => kv.close();
  } else if (lib === "idbkv-set") {
    const store = idbKeyval.createStore("bench-one-idbkv-" + payload, "kv");
    write = (k, v) => idbKeyval.set(k, v, store);
  } else if (lib === "localforage") {
    const store = localforage.createInstance({ name: "bench-one-lf-" + payload, storeName: "kv", driver: localforage.INDEXEDDB });
    await store.ready();
    write = (k, v) => store.setItem(k, v);
  } else if (lib === "idb-strict" || lib === "idb-relaxed") {
    // The floor: one raw IndexedDB readwrite transaction per put, with that durability
    // (Chromium's default is "relaxed", which idb-keyval and localForage get; Keepsake asks "strict").
    const durability = lib.slice(4);
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("bench-one-" + lib + "-" + payload, 1);
      open.onupgradeneeded = () => open.result.createObjectStore("kv");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    write = (k, v) => new Promise((resolve, reject) => {
      const tx = db.transaction("kv", "readwrite", { durability });
      tx.objectStore("kv").put(v, k);
      tx.oncomplete = resolve;
      tx.onabort = tx.onerror = () => reject(tx.error);
    });
    finish = async () => db.close();
  } else {
    throw new Error("no one-write task for " + lib);
  }
  const t = now();
  for (let i = 0; i < ONE_KEYS; i++) await write(keys[i], makeValue(i));
  const oneWriteMs = (now() - t) / ONE_KEYS;
  await finish();
  return { oneWriteMs };
}

// localStorage: Keepsake's localStorage backend against raw setItem/getItem loops over the same
// LS_KEYS string values (what a page would do by hand). Keepsake writes: set every key, flush,
// until all are durable; reads: getMany through a second handle opened after the write, so that
// its cache is empty and every value comes from localStorage (envelope checked, decoded).
const LS_KEYS = Math.min(N_KEYS, 1000);

// LS_WARM more rounds in the same page after the first (cold) one: the best of them is the
// warm figure (JIT-compiled code), the first is what a page opening with this work pays.
const LS_WARM = Number(params.get("lswarm") || "0");

async function lsTask() {
  if (typeof makeValue(0) !== "string") throw new Error("the localStorage task takes string payloads");
  const lsKeys = keys.slice(0, LS_KEYS);
  const rounds = [];
  const api = lib === "raw" ? null : await loadApi();
  for (let r = 0; r <= LS_WARM; r++) rounds.push(lib === "raw" ? lsRaw(lsKeys) : await lsKeepsake(api, lsKeys));
  const result = { lsWriteMs: rounds[0].write, lsReadMs: rounds[0].read };
  if (LS_WARM > 0) {
    result.lsWarmWriteMs = Math.min(...rounds.slice(1).map(x => x.write));
    result.lsWarmReadMs = Math.min(...rounds.slice(1).map(x => x.read));
  }
  return result;
}

function lsRaw(lsKeys) {
  let t = now();
  for (let i = 0; i < LS_KEYS; i++) localStorage.setItem("raw:" + lsKeys[i], makeValue(i));
  const write = now() - t;
  t = now();
  for (let i = 0; i < LS_KEYS; i++) check(i, localStorage.getItem("raw:" + lsKeys[i]));
  const read = now() - t;
  for (const k of lsKeys) localStorage.removeItem("raw:" + k);
  return { write, read };
}

async function lsKeepsake(api, lsKeys) {
  const options = { backend: "localstorage", name: "bench-ls", keyPrefix: "b" };
  const kv = api.openKeyValue(options);
  await kv.ready;
  let t = now();
  const acks = lsKeys.map((k, i) => kv.set(k, makeValue(i)));
  await kv.flush();
  await Promise.all(acks);
  const write = now() - t;
  const reader = api.openKeyValue(options);
  await reader.ready;
  t = now();
  const values = await reader.getMany(lsKeys);
  values.forEach((v, i) => check(i, v));
  const read = now() - t;
  await reader.close();
  await kv.clear();
  await kv.close();
  return { write, read };
}

// A yield that is not clamped like nested setTimeout(0): lets IndexedDB callbacks and the
// manager's timers run between bursts of updates, as between frames of a UI.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()();
const yieldNow = () => new Promise(r => { waiting.push(r); channel.port2.postMessage(0); });

const CHURN_UPDATES = Number(params.get("updates") || "100000");
const CHURN_KEYS = 100;
const CHURN_BURST = 100; // updates between yields

async function churnTask() {
  const api = await loadApi();
  let maxLag = 0;
  let pending = 0;
  let failures = 0;
  let allDone;
  const done = new Promise(r => { allDone = r; });
  const acked = (start) => () => {
    const lag = now() - start;
    if (lag > maxLag) maxLag = lag;
    if (--pending === 0 && issued === CHURN_UPDATES) allDone();
  };
  const failed = (e) => { failures++; console.error(e); if (--pending === 0 && issued === CHURN_UPDATES) allDone(); };
  let issued = 0;
  let backendWrites = 0;
  let entriesWritten = 0;
  let update;
  let finish = async () => {};
  if (lib === "idb-direct") {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("bench-churn-direct", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("kv");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    update = (key, value) => {
      const start = now();
      const tx = db.transaction("kv", "readwrite");
      tx.objectStore("kv").put(value, key);
      backendWrites++;
      entriesWritten++;
      tx.oncomplete = acked(start);
      tx.onerror = failed;
    };
    finish = async () => db.close();
  } else {
    const kv = keepsakeKv(api, "bench-churn-" + lib, {
      onFlush: report => { backendWrites++; entriesWritten += report.entries; },
    });
    await kv.ready;
    update = (key, value) => {
      const start = now();
      kv.set(key, value).then(acked(start), failed);
    };
    finish = async () => kv.close();
  }
  const t = now();
  for (let i = 0; i < CHURN_UPDATES; i++) {
    pending++;
    issued++;
    update("slider-" + (i % CHURN_KEYS), { value: i, at: i & 1023 });
    if (i % CHURN_BURST === CHURN_BURST - 1) await yieldNow();
  }
  const issuedMs = now() - t;
  await done;
  const totalMs = now() - t;
  await finish();
  return {
    updates: CHURN_UPDATES, issuedMs, totalMs, updatesPerSecond: CHURN_UPDATES / (totalMs / 1000),
    backendWrites, entriesWritten, writesPer1000: backendWrites * 1000 / CHURN_UPDATES,
    maxLagMs: maxLag, failures,
  };
}

(async () => {
  // ?wait=1: start when the driver calls window.benchGo() (profile-browser.py starts its profiler first).
  if (params.get("wait")) await new Promise(resolve => { window.benchGo = resolve; });
  try {
    const result = task === "write" ? await writeTask() : task === "cold" ? await coldTask()
      : task === "one" ? await oneTask() : task === "ls" ? await lsTask() : await churnTask();
    window.benchResult = Object.assign({ ok: true, task, lib, payload, round }, result);
  } catch (e) {
    window.benchResult = { ok: false, task, lib, payload, round, error: String(e && e.stack || e) };
  }
  document.getElementById("out").textContent = JSON.stringify(window.benchResult, null, 1);
})();
