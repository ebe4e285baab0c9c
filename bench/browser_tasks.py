"""The browser benchmarks beside the library comparison, driven by run-browser.py (TASKS=algorithms,sync).

algorithms: seal and open of an envelope with each compressor and cipher in the JS and wasm-gc
  builds of the browser module's test harness CrossCryptoPage (built by run-browser.sh with
  TestBuilds), one page task (bench/page/algorithms.js) per (build, size, setup); MB/s of payload.
sync: write-to-arrival latency between two devices (two Chromium profiles, each on
  bench/page/sync.html) through a real sync server process on SQLite started here from the
  browser module's test class path (run-browser.sh writes it to BENCH_CLASSPATH), and what the
  outbox costs one awaited local write. Standard library only.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

# Empty to skip; SIZES entries are size:warmup:rounds (untimed, then timed seals and opens).
ALGO_BUILDS = [b for b in os.environ.get("ALGO_BUILDS", "js,wasm").split(",") if b]
ALGO_SETUPS = [s for s in os.environ.get("ALGO_SETUPS", "plain,gzip,lz4,aes,chacha").split(",") if s]
ALGO_SIZES = [tuple(int(x) for x in s.split(":"))
              for s in os.environ.get("ALGO_SIZES", "1024:300:2000,1048576:3:12").split(",") if s]
SYNC_BUILDS = [b for b in os.environ.get("SYNC_BUILDS", "js,wasm").split(",") if b]
SYNC_WARMUP = int(os.environ.get("SYNC_WARMUP", "10"))
SYNC_ROUNDS = int(os.environ.get("SYNC_ROUNDS", "200"))
SYNC_WRITES = int(os.environ.get("SYNC_WRITES", "300"))


def algorithms(run):
    """Runs every (build, size, setup) task through run-browser.py's run(query, page)."""
    for build in ALGO_BUILDS:
        for size, warmup, rounds in ALGO_SIZES:
            for setup in ALGO_SETUPS:
                run("build=%s&setup=%s&size=%d&warmup=%d&rounds=%d" % (build, setup, size, warmup, rounds),
                    "algorithms.html")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SyncServer:
    """keepsake-server on a SQLite file in a new folder (any CORS origin) and a read-write token for every scope."""

    def __init__(self):
        cp_file = os.environ.get("BENCH_CLASSPATH")
        if not cp_file or not os.path.exists(cp_file):
            raise SystemExit("the sync benchmark needs the browser test class path (run bench/run-browser.sh)")
        with open(cp_file) as f:
            cp = f.read().strip()
        self.dir = tempfile.mkdtemp(prefix="keepsake-bench-sync-")
        db = os.path.join(self.dir, "sync.db")
        main = ["java", "-cp", cp, "dev.keepsake.server.Main"]
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.token = subprocess.check_output(main + ["token", "create", "--scope", "*", "--write", "--data", db],
                                             stderr=self.log, text=True).strip()
        self.process = subprocess.Popen(main[:1] + ["-Xmx256m"] + main[1:] + [
            "serve", "--port", "0", "--data", db, "--cors-origin", "*"],
            stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("keepsake-server listening on http://"):
            self.close()
            raise SystemExit("the sync server did not start: " + line)
        self.url = line.strip()[len("keepsake-server listening on "):]
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def sync(call, base, open_session, page_url, results):
    """Two fresh devices per build: A writes one value at a time, B's subscriber hears it; then A's outbox cost."""
    server = SyncServer()
    try:
        for build in SYNC_BUILDS:
            results.append(sync_build(call, base, open_session, page_url, server, build))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    finally:
        server.close()


def sync_build(call, base, open_session, page_url, server, build):
    profiles = [tempfile.mkdtemp(prefix="keepsake-bench-device-") for _ in range(2)]
    sids = []
    try:
        for profile in profiles:
            sid = open_session(profile)
            sids.append(sid)
            call(base, "POST", "/session/%s/url" % sid, {"url": page_url("sync.html?build=" + build)})

        def js(sid, body):
            script = ("const done = arguments[arguments.length - 1];"
                      "(async () => {" + body + "})().then(done, e => done('error:' + String(e && (e.stack || e))));")
            value = call(base, "POST", "/session/%s/execute/async" % sid, {"script": script, "args": []})["value"]
            if isinstance(value, str) and value.startswith("error:"):
                raise SystemExit("sync benchmark (%s): %s" % (build, value))
            return value

        def wait(what, seconds, condition):
            deadline = time.time() + seconds
            while not condition():
                if time.time() > deadline:
                    raise SystemExit("sync benchmark (%s): timed out: %s" % (build, what))
                time.sleep(0.02)

        a, b = sids
        for sid in sids:
            wait("the page loads", 60, lambda: js(sid, "if (window.syncFailure) throw new Error(window.syncFailure);"
                                                       " return window.syncReady === true;"))
        scope = "bench%d" % time.time_ns()
        for sid in sids:
            js(sid, "return await syncBench.open('%s', '%s', '%s');" % (server.url, scope, server.token))
        wait("both devices sync", 30, lambda: js(a, "return syncBench.upToDate();") and js(b, "return syncBench.upToDate();"))
        millis = []
        for i in range(SYNC_WARMUP + SYNC_ROUNDS):
            js(a, "return syncBench.write(%d);" % i)
            wait("round %d arrives" % i, 30, lambda: js(b, "return syncBench.latency(%d);" % i) is not None)
            if i >= SYNC_WARMUP:
                millis.append(float(js(b, "return syncBench.latency(%d);" % i)))
        # A sync whose server refuses connections: the write adds only its outbox entry.
        offline = "http://127.0.0.1:%d" % free_port()
        synced, plain = js(a, "return await syncBench.outboxCost('%s', '%s', '%s', %d);"
                           % (offline, scope + "c", server.token, SYNC_WRITES)).split(" ")
        millis.sort()
        return {"ok": True, "task": "sync", "build": build, "rounds": len(millis), "latencyMs": millis,
                "setSyncedMs": float(synced), "setPlainMs": float(plain), "writes": SYNC_WRITES}
    finally:
        for sid in sids:
            try:
                call(base, "DELETE", "/session/" + sid)
            except Exception:
                pass
        for profile in profiles:
            shutil.rmtree(profile, ignore_errors=True)


def pct(sorted_xs, p):
    index = -(-p * len(sorted_xs) // 100) - 1
    return sorted_xs[max(0, min(len(sorted_xs) - 1, index))]


def report(results):
    algo = [r for r in results if r.get("task") == "algorithms"]
    if algo:
        print("\n### envelope algorithms (seal and open in the browser; MB/s = 10^6 payload bytes/s)\n")
        print("| build | payload | setup | seal MB/s | open MB/s | stored bytes | timed rounds |")
        print("|---|---|---|---:|---:|---:|---:|")
        for r in algo:
            mb = r["size"] * r["rounds"] / 1e6
            print("| %s | %s | %s | %.1f | %.1f | %d | %d |" % (
                "wasm-gc" if r["build"] == "wasm" else "js", "%d B" % r["size"], r["setup"],
                mb / (r["sealMs"] / 1000), mb / (r["openMs"] / 1000), r["stored"], r["rounds"]))
        print()
    syncs = [r for r in results if r.get("task") == "sync"]
    if syncs:
        print("\n### sync between two browser profiles (SQLite server on loopback; ms)\n")
        print("| build | rounds | p50 | p90 | p99 | max | awaited set, with sync (offline) | awaited set, no sync |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in syncs:
            xs = r["latencyMs"]
            print("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |" % (
                "wasm-gc" if r["build"] == "wasm" else "js", r["rounds"], pct(xs, 50), pct(xs, 90), pct(xs, 99),
                xs[-1], r["setSyncedMs"], r["setPlainMs"]))
        print()
