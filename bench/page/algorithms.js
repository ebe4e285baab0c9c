// The browser algorithms benchmark: seal and open of an envelope with each setup, in the JS or
// wasm-gc build of the browser module's test harness CrossCryptoPage (its bench export), one
// task per navigation:
//   ?build=js|wasm&setup=plain|gzip|lz4|aes|chacha&size=BYTES&warmup=N&rounds=N
// JSON-like payload of size bytes; warmup untimed seals and opens, then rounds timed seals and
// rounds timed opens. The result (or the error) is left in window.benchResult for
// run-browser.py, which prints MB/s (10^6 payload bytes per second).

const params = new URLSearchParams(location.search);
const build = params.get("build") || "js";
const setup = params.get("setup") || "plain";
const size = Number(params.get("size") || "1024");
const warmup = Number(params.get("warmup") || "0");
const rounds = Number(params.get("rounds") || "1");

async function harness() {
  if (build === "js") return await import("/test-builds/crosscrypto.js");
  const { load } = await import("/web/keepsake.wasm-runtime.js");
  return (await load("/test-builds/crosscrypto.wasm")).exports;
}

(async () => {
  const base = { task: "algorithms", build, setup, size, warmup, rounds };
  try {
    const cc = await harness();
    const [sealMs, openMs, stored] = String(await cc.bench(setup, size, warmup, rounds)).split(" ").map(Number);
    window.benchResult = Object.assign({ ok: true, sealMs, openMs, stored }, base);
  } catch (e) {
    window.benchResult = Object.assign({ ok: false, error: String(e && e.stack || e) }, base);
  }
  document.getElementById("out").textContent = JSON.stringify(window.benchResult);
})();
