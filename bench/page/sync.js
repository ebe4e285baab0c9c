// One device of the sync latency benchmark, ?build=js|wasm (keepsake-sync.js or
// keepsake-sync.wasm from /web). run-browser.py opens this page in two Chromium profiles (two
// devices with their own storage) beside a real sync server and calls window.syncBench:
//   open(url, scope, token)   a store on IndexedDB synced through the server; every value that
//                             arrives records now - its stamp in lat[i]
//   upToDate()                whether the store's sync is up to date
//   write(i)                  store.set({i, t}) stamped with performance.timeOrigin + now()
//   latency(i)                lat[i] or null: A writes, B's subscriber hears it (one machine,
//                             so one clock)
//   outboxCost(url, scope, token, writes)
//                             the mean ms of an awaited kv.set on IndexedDB with a sync whose
//                             server does not answer (url: a closed port, so only the outbox
//                             entry is added) and without one: "synced plain"

const build = new URLSearchParams(location.search).get("build") || "js";
let store;
const lat = [];

async function api() {
  if (build === "js") return await import("/web/keepsake-sync.js");
  const { load } = await import("/web/keepsake.wasm-runtime.js");
  return (await load("/web/keepsake-sync.wasm")).exports;
}

function syncOptions(url, scope, token) {
  return { url, scope, token, minBackoffMs: 50, maxBackoffMs: 300 };
}

(async () => {
  try {
    const keepsake = await api();
    window.syncBench = {
      async open(url, scope, token) {
        store = keepsake.openStore({ name: "bench", backend: "indexeddb", key: "lat", initial: { i: -1, t: 0 },
          debounceMs: 0, sync: syncOptions(url, scope, token) });
        await store.ready;
        store.subscribe(v => { if (v.i >= 0) lat[v.i] = performance.timeOrigin + performance.now() - v.t; });
        return "ok";
      },
      upToDate() {
        return store.sync.status.state === "up-to-date";
      },
      write(i) {
        store.set({ i, t: performance.timeOrigin + performance.now() });
        return "ok";
      },
      latency(i) {
        return lat[i] === undefined ? null : lat[i];
      },
      async outboxCost(url, scope, token, writes) {
        const synced = keepsake.openKeyValue({ name: "cost-sync", backend: "indexeddb", debounceMs: 0,
          sync: syncOptions(url, scope, token) });
        const plain = keepsake.openKeyValue({ name: "cost-plain", backend: "indexeddb", debounceMs: 0 });
        await synced.ready;
        await plain.ready;
        async function time(kv) {
          for (let i = 0; i < 20; i++) await kv.set("w" + i, { i });
          const start = performance.now();
          for (let i = 0; i < writes; i++) await kv.set("k" + (i % 50), { i, text: "x".repeat(100) });
          return (performance.now() - start) / writes;
        }
        const s = await time(synced);
        const p = await time(plain);
        return s.toFixed(2) + " " + p.toFixed(2);
      },
    };
    window.syncReady = true;
    document.getElementById("out").textContent = "ready (" + build + ")";
  } catch (e) {
    window.syncFailure = String(e && e.stack || e);
    document.getElementById("out").textContent = window.syncFailure;
  }
})();
