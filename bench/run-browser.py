#!/usr/bin/env python3
"""Drives bench/page in headless Chromium through chromedriver's plain HTTP (WebDriver) API.

Serves bench/target/site on 127.0.0.1, runs a warm-up round and ROUNDS measured rounds of every
(library, payload) write+warm-read task, each followed by a cold read in a fresh page; rounds
rotate the order of the libraries. Then the churn tasks. Then the envelope algorithms and the
sync latency between two profiles (browser_tasks.py). TASKS=compare,algorithms,sync (the default)
picks which. Prints medians as Markdown and writes every raw result to bench/target/results.json.
Standard library only.
"""
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import browser_tasks

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = os.environ.get("SITE") or os.path.join(HERE, "target", "site")
ROUNDS = int(os.environ.get("ROUNDS", "5"))
KEYS = int(os.environ.get("KEYS", "2000"))
UPDATES = int(os.environ.get("UPDATES", "100000"))
# One IndexedDB transaction per update is slow: the naive approach runs fewer and reports its rate.
NAIVE_UPDATES = int(os.environ.get("NAIVE_UPDATES", "10000"))
# Comma-separated overrides, e.g. LIBS=keepsake-js,idbkv-setMany PAYLOADS=str100 CHURN= for a quick run.
LIBS = os.environ.get("LIBS", "keepsake-js,keepsake-wasm,keepsake-js-tuned,keepsake-wasm-tuned,"
                      "localforage,idbkv-set,idbkv-setMany,dexie,idb-strict-many,idb-relaxed-many").split(",")
PAYLOADS = os.environ.get("PAYLOADS", "str100,str1k,bytes1k").split(",")
CHURN = [c for c in os.environ.get("CHURN", "keepsake-js,keepsake-wasm,idb-direct").split(",") if c]
# One awaited write at a time (ONE writes per task), and the localStorage backend against raw
# localStorage (string payloads only); empty to skip.
ONE = int(os.environ.get("ONE", "200"))
ONE_LIBS = [c for c in os.environ.get("ONE_LIBS", "keepsake-js,keepsake-wasm,idbkv-set,localforage,idb-strict,idb-relaxed").split(",") if c]
LS_LIBS = [c for c in os.environ.get("LS_LIBS", "keepsake-js,keepsake-wasm,raw").split(",") if c]
# Rounds of the localStorage task repeated in its page after the first: the best is the warm figure.
LS_WARM = int(os.environ.get("LS_WARM", "5"))
# Which benchmarks: compare (the libraries, above), algorithms and sync (browser_tasks.py).
TASKS = os.environ.get("TASKS", "compare,algorithms,sync").split(",")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                          **{".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript"})

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def serve():
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=SITE))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, port


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read() or b"null")


def start_driver():
    """Starts chromedriver on a free port; returns the process and its base URL once it answers."""
    driver_port = free_port()
    driver = subprocess.Popen(["/usr/bin/chromedriver", "--port=%d" % driver_port],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % driver_port
    for _ in range(100):
        try:
            call(base, "GET", "/status")
            break
        except Exception:
            time.sleep(0.1)
    return driver, base


def open_session(base, user_data_dir):
    """Opens a headless Chromium session with the flags these machines need; WebDriver's answer."""
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + user_data_dir]
    return call(base, "POST", "/session", {"capabilities": {"alwaysMatch": {
        "browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}})


def page_result(base, sid, timeout=600):
    """Waits for the page's window.benchResult; None if it has not come within timeout seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        r = call(base, "POST", "/session/%s/execute/sync" % sid,
                 {"script": "return window.benchResult || null;", "args": []})["value"]
        if r is not None:
            return r
        time.sleep(0.05)
    return None


def main():
    server, port = serve()
    profile = tempfile.mkdtemp(prefix="keepsake-bench-profile-")
    driver, base = start_driver()
    session = open_session(base, profile)
    sid = session["value"]["sessionId"]
    version = session["value"]["capabilities"].get("browserVersion")
    results = []

    def run(query, page="index.html"):
        call(base, "POST", "/session/%s/url" % sid, {"url": "http://127.0.0.1:%d/page/%s?%s" % (port, page, query)})
        r = page_result(base, sid)
        if r is None:
            raise SystemExit("timed out: " + query)
        if not r.get("ok"):
            raise SystemExit("benchmark task failed: %s\n%s" % (query, r.get("error")))
        results.append(r)
        print(json.dumps(r), file=sys.stderr, flush=True)
        return r

    try:
        for rnd in range(ROUNDS + 1 if "compare" in TASKS else 0):  # round 0 is the warm-up
            order = LIBS[rnd % len(LIBS):] + LIBS[:rnd % len(LIBS)]
            for payload in PAYLOADS:
                for lib in order:
                    q = "lib=%s&payload=%s&round=%d&keys=%d" % (lib, payload, rnd, KEYS)
                    w = run("task=write&" + q)
                    c = run("task=cold&" + q)
                    w["warmup"] = c["warmup"] = rnd == 0
                for lib in ONE_LIBS[rnd % max(1, len(ONE_LIBS)):] + ONE_LIBS[:rnd % max(1, len(ONE_LIBS))]:
                    run("task=one&lib=%s&payload=%s&round=%d&keys=%d&one=%d" % (lib, payload, rnd, KEYS, ONE))["warmup"] = rnd == 0
                if payload.startswith("str"):
                    for lib in LS_LIBS:
                        run("task=ls&lib=%s&payload=%s&round=%d&keys=%d&lswarm=%d" % (lib, payload, rnd, KEYS, LS_WARM))["warmup"] = rnd == 0
        for lib in CHURN if "compare" in TASKS else []:
            run("task=churn&lib=%s&updates=%d" % (lib, NAIVE_UPDATES if lib == "idb-direct" else UPDATES))
        if "algorithms" in TASKS:
            browser_tasks.algorithms(run)
        if "sync" in TASKS:
            browser_tasks.sync(call, base, lambda p: open_session(base, p)["value"]["sessionId"],
                               lambda page: "http://127.0.0.1:%d/page/%s" % (port, page), results)
    finally:
        try:
            call(base, "DELETE", "/session/" + sid)
        except Exception:
            pass
        driver.terminate()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)

    with open(os.path.join(HERE, "target", "results.json"), "w") as f:
        json.dump({"chromium": version, "rounds": ROUNDS, "keys": KEYS, "results": results}, f, indent=1)
    if "compare" in TASKS:
        report(version, [r for r in results if r["task"] not in ("algorithms", "sync")])
    browser_tasks.report(results)


def median(results, lib, payload, field):
    xs = [r[field] for r in results if r["lib"] == lib and r["payload"] == payload
          and not r.get("warmup") and field in r]
    return statistics.median(xs) if xs else None


def report(version, results):
    print("Chromium %s, %d keys, %d measured rounds (+1 warm-up), medians in ms (ops/s in brackets)\n"
          % (version, KEYS, ROUNDS))
    for payload in PAYLOADS:
        print("### payload %s\n" % payload)
        print("| library | write all %d | warm read each of %d | warm read each of last 1000 | cold read all %d (new page) |"
              % (KEYS, KEYS, KEYS))
        print("|---|---:|---:|---:|---:|")
        for lib in LIBS:
            cells = []
            for field in ("writeMs", "warmReadMs", "warmRead1000Ms", "coldReadMs"):
                m = median(results, lib, payload, field)
                n = 1000 if field == "warmRead1000Ms" else KEYS
                cells.append("–" if m is None else "%.1f ms (%d/s)" % (m, n / (m / 1000)))
            print("| %s | %s |" % (lib, " | ".join(cells)))
        print()
        ratios = []

        def ratio(a_lib, a_field, b_lib, b_field, what):
            a, b = median(results, a_lib, payload, a_field), median(results, b_lib, payload, b_field)
            if a and b:
                ratios.append("- %s: %.2f×" % (what, b / a))
        for ks in [l for l in LIBS if l.startswith("keepsake")]:
            ratio(ks, "writeMs", "localforage", "writeMs", ks + " write vs localForage setItem (target ≥ 10×)")
            ratio(ks, "writeMs", "idbkv-setMany", "writeMs", ks + " write vs idb-keyval setMany (target ≥ 1×)")
            ratio(ks, "warmReadMs", "localforage", "warmReadMs", ks + " warm read of all keys vs localForage getItem (target ≥ 100×)")
            ratio(ks, "warmRead1000Ms", "localforage", "warmRead1000Ms", ks + " warm read of last 1000 (cached) vs localForage getItem (target ≥ 100×)")
            ratio(ks, "coldReadMs", "idbkv-setMany", "coldReadMs", ks + " cold read vs idb-keyval getMany (target ≥ 1×)")
            ratio(ks, "writeMs", "idb-strict-many", "writeMs", ks + " write vs a raw strict put of all in one transaction (the floor)")
        for floor in ("idb-strict-many", "idb-relaxed-many"):
            ratio(floor, "writeMs", "idbkv-setMany", "writeMs", floor + " (raw, one transaction) vs idb-keyval setMany")
        print("\n".join(ratios) + "\n")
        if any(median(results, lib, payload, "oneWriteMs") for lib in ONE_LIBS):
            print("One awaited write at a time (%d writes; Keepsake: set then flush), ms per write:\n" % ONE)
            print("| library | ms per awaited write | writes/s |")
            print("|---|---:|---:|")
            for lib in ONE_LIBS:
                m = median(results, lib, payload, "oneWriteMs")
                if m:
                    print("| %s | %.2f | %.0f |" % (lib, m, 1000 / m))
            print()
            for ks in ONE_LIBS:
                if ks.startswith("keepsake"):
                    a, b = median(results, ks, payload, "oneWriteMs"), median(results, "idbkv-set", payload, "oneWriteMs")
                    if a and b:
                        print("- %s one awaited write vs idb-keyval set (target ≥ 1×): %.2f×" % (ks, b / a))
                    c = median(results, "idb-strict", payload, "oneWriteMs")
                    if a and c:
                        print("- %s one awaited write vs a raw strict IndexedDB put (the floor): %.2f×" % (ks, c / a))
            print()
        if any(median(results, lib, payload, "lsWriteMs") for lib in LS_LIBS):
            print("localStorage (%d keys): Keepsake's backend vs raw setItem/getItem loops, ms:\n" % min(KEYS, 1000))
            print("| library | write all (set, flush) | read all (fresh handle, getMany) "
                  "| warm write (best of %d in the page) | warm read |" % LS_WARM)
            print("|---|---:|---:|---:|---:|")
            for lib in LS_LIBS:
                w, r = median(results, lib, payload, "lsWriteMs"), median(results, lib, payload, "lsReadMs")
                ww, wr = median(results, lib, payload, "lsWarmWriteMs"), median(results, lib, payload, "lsWarmReadMs")
                if w:
                    print("| %s | %.1f | %.1f | %s | %s |" % (lib, w, r, "%.1f" % ww if ww else "–", "%.1f" % wr if wr else "–"))
            print()
            for ks in LS_LIBS:
                if ks != "raw":
                    for f, what in (("lsWriteMs", "writes"), ("lsReadMs", "reads"),
                                    ("lsWarmWriteMs", "warm writes"), ("lsWarmReadMs", "warm reads")):
                        a, b = median(results, ks, payload, f), median(results, "raw", payload, f)
                        if a and b:
                            print("- %s localStorage %s vs raw (target ≤ 2× the time): %.2f× the time" % (ks, what, a / b))
            print()
    print("### churn: updates over 100 keys, yielding to the event loop every 100\n")
    print("| approach | updates | updates/s | backend writes (transactions) / 1000 updates | entries written | worst update→durable lag (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        if r["task"] == "churn":
            print("| %s | %d | %.0f | %.2f | %d | %.0f |" % (r["lib"], r["updates"], r["updatesPerSecond"], r["writesPer1000"],
                                                     r["entriesWritten"], r["maxLagMs"]))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--report":
        # Re-print the tables from a raw.log (one JSON result per line), e.g. of an interrupted run.
        with open(sys.argv[2]) as f:
            rows = [json.loads(line) for line in f if line.startswith("{")]
        for r in rows:
            r["warmup"] = r.get("round") == 0 and r["task"] != "churn"
        report(os.environ.get("CHROMIUM", "?"), [r for r in rows if r["task"] not in ("algorithms", "sync")])
        browser_tasks.report(rows)
    else:
        main()
