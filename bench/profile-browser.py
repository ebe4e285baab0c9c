#!/usr/bin/env python3
"""Profiles one bench/page task in headless Chromium with V8's sampling profiler (CDP Profiler
domain through chromedriver's goog/cdp/execute), and prints the functions with the most self
time. For finding what to speed up, not for figures (those come from run-browser.py).

  python3 bench/profile-browser.py "task=write&lib=keepsake-js&payload=str100&round=1" [top]

Needs bench/target/site as run-browser.sh leaves it (SKIP_BUILD=1 works). For readable names
build with -Dkeepsake.minify=false. Writes the raw profile to bench/target/profile.cpuprofile
(opens in Chromium's DevTools, Performance panel).
"""
import collections
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("runner", os.path.join(HERE, "run-browser.py"))
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)


def main():
    query = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    server, port = runner.serve()
    profile_dir = tempfile.mkdtemp(prefix="keepsake-profile-")
    driver, base = runner.start_driver()
    sid = runner.open_session(base, profile_dir)["value"]["sessionId"]

    def cdp(cmd, params=None):
        return runner.call(base, "POST", "/session/%s/goog/cdp/execute" % sid, {"cmd": cmd, "params": params or {}})["value"]

    def run(q, profiled):
        runner.call(base, "POST", "/session/%s/url" % sid,
                    {"url": "http://127.0.0.1:%d/page/index.html?wait=1&%s" % (port, q)})
        while not runner.call(base, "POST", "/session/%s/execute/sync" % sid,
                              {"script": "return !!window.benchGo;", "args": []})["value"]:
            time.sleep(0.02)
        if profiled:
            cdp("Profiler.enable")
            cdp("Profiler.setSamplingInterval", {"interval": 100})
            cdp("Profiler.start")
        runner.call(base, "POST", "/session/%s/execute/sync" % sid, {"script": "window.benchGo();", "args": []})
        r = runner.page_result(base, sid)
        if r is None:
            raise SystemExit("timed out: " + q)
        prof = cdp("Profiler.stop")["profile"] if profiled else None
        return r, prof

    try:
        # A warm-up of the same task first (a cold task needs its write task before it).
        warm = query.replace("task=cold", "task=write")
        run(warm.replace("round=", "round=9"), False)
        if "task=cold" in query:
            run(warm, False)
        result, prof = run(query, True)
    finally:
        try:
            runner.call(base, "DELETE", "/session/" + sid)
        except Exception:
            pass
        driver.terminate()
        server.shutdown()
        shutil.rmtree(profile_dir, ignore_errors=True)
    print(json.dumps(result))
    with open(os.path.join(HERE, "target", "profile.cpuprofile"), "w") as f:
        json.dump(prof, f)
    report(prof, top)


def report(prof, top):
    nodes = {n["id"]: n for n in prof["nodes"]}
    dt = collections.Counter()
    samples, deltas = prof["samples"], prof["timeDeltas"]
    for i, s in enumerate(samples):
        dt[s] += deltas[i + 1] if i + 1 < len(deltas) else 0
    self_ms = collections.Counter()
    for nid, us in dt.items():
        f = nodes[nid]["callFrame"]
        name = "%s %s:%d" % (f["functionName"] or "(anon)", f["url"].rsplit("/", 1)[-1], f["lineNumber"] + 1)
        self_ms[name] += us / 1000
    # Inclusive time per function (each function counted once per stack), for the callers view.
    parent = {}
    for n in prof["nodes"]:
        for c in n.get("children", []):
            parent[c] = n["id"]

    def label(nid):
        f = nodes[nid]["callFrame"]
        return "%s %s:%d" % (f["functionName"] or "(anon)", f["url"].rsplit("/", 1)[-1], f["lineNumber"] + 1)
    incl = collections.Counter()
    for nid, us in dt.items():
        seen = set()
        x = nid
        while x is not None:
            l = label(x)
            if l not in seen:
                incl[l] += us / 1000
                seen.add(l)
            x = parent.get(x)
    total = sum(self_ms.values())
    print("total sampled %.1f ms" % total)
    for name, ms in self_ms.most_common(top):
        print("%8.1f ms %5.1f%%  %s" % (ms, 100 * ms / total, name))
    print("\ninclusive (the function and what it calls):")
    for name, ms in incl.most_common(top * 2):
        print("%8.1f ms %5.1f%%  %s" % (ms, 100 * ms / total, name))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--report":
        with open(sys.argv[2]) as f:
            report(json.load(f), 60)
    else:
        main()
