// An in-page A/B of two Keepsake builds: /web (this one) and /web-base (run-browser.sh's
// BASE_WEB), each operation run on both in alternating order, round after round, in one page, so
// that both see the same machine load and the same warmed-up JavaScript engine. Far less noisy
// than comparing pages on a shared machine; it measures per-value work with the JIT warm, not a
// fresh page's first run (bench.js's cold task does that).
//   ?build=js|wasm&rounds=N&keys=N
// Result in window.benchResult: per operation, the median ms of each build and new/base.
const params = new URLSearchParams(location.search);
const build = params.get("build") || "js";
const ROUNDS = Number(params.get("rounds") || "15");
const N = Number(params.get("keys") || "1000");
const now = () => performance.now();

async function load(dir) {
  if (build === "js") return await import(dir + "/keepsake.js");
  const { load } = await import(dir + "/keepsake.wasm-runtime.js");
  return (await load(dir + "/keepsake.wasm")).exports;
}

const keys = [];
for (let i = 0; i < N; i++) keys.push("key-" + i);
const value = (round, i) => ("r" + round + "k" + i + ":").padEnd(100, "x");

function check(round, values) {
  values.forEach((v, i) => { if (v !== value(round, i)) throw new Error("bad value for key " + i + ": " + v); });
}

// Each operation: (api, name, round) => ms. Writes are timed until durable (localStorage: a set
// per key, then flush, as bench.js's localStorage task; IndexedDB: one setMany, as its write
// task); reads go through a handle opened after the write (empty cache: every value is read
// from storage and checked).
async function timed(api, backend, name, body) {
  const kv = api.openKeyValue({ backend, name, keyPrefix: "ab" });
  await kv.ready;
  const t = now();
  const out = await body(kv);
  const ms = now() - t;
  await kv.close();
  return { ms, out };
}

const writes = {
  ls: async (kv, round) => {
    const acks = keys.map((k, i) => kv.set(k, value(round, i)));
    await kv.flush();
    await Promise.all(acks);
  },
  idb: (kv, round) => kv.setMany(keys.map((k, i) => [k, value(round, i)])),
};

const operations = {};
for (const [label, backend] of [["ls", "localstorage"], ["idb", "indexeddb"]]) {
  operations[label + "Write"] = async (api, name, round) =>
    (await timed(api, backend, name, kv => writes[label](kv, round))).ms;
  operations[label + "Read"] = async (api, name, round) => {
    const { ms, out } = await timed(api, backend, name, kv => kv.getMany(keys));
    check(round, out);
    return ms;
  };
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };

(async () => {
  try {
    const builds = { new: await load("/web"), base: await load("/web-base") };
    const times = {};
    for (const op of Object.keys(operations)) times[op] = { new: [], base: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ["new", "base"] : ["base", "new"];
      for (const op of Object.keys(operations)) {
        for (const b of order) {
          // Reads read what the write of the same round and build stored under its own name.
          const ms = await operations[op](builds[b], "ab-" + b, round);
          if (round > 0) times[op][b].push(ms); // round 0 warms both up
        }
      }
    }
    const result = { ok: true, build, rounds: ROUNDS - 1, keys: N };
    for (const [op, t] of Object.entries(times)) {
      result[op] = { newMs: median(t.new), baseMs: median(t.base), ratio: median(t.new) / median(t.base) };
    }
    window.benchResult = result;
  } catch (e) {
    window.benchResult = { ok: false, error: String(e && e.stack || e) };
  }
  document.getElementById("out").textContent = JSON.stringify(window.benchResult, null, 1);
})();
