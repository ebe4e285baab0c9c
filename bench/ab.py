#!/usr/bin/env python3
"""Runs bench/page/ab.js, an in-page A/B of this build (/web) against an older one (/web-base),
in headless Chromium for the JS and wasm-gc builds, and prints the medians and new/base ratios.

  BASE_WEB=/path/to/old/browser/target/web TASKS=none bench/run-browser.sh   # builds, sets up the site
  python3 bench/ab.py [rounds] [keys]

Each operation runs on both builds in alternating order, round after round, in one page: both see
the same load and a warm JIT, so a change of 10 % shows where page-per-run figures move by 50 %.
Needs bench/target/site with web-base (as run-browser.sh leaves it when given BASE_WEB).
"""
import importlib.util
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("runner", os.path.join(HERE, "run-browser.py"))
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    keys = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    if not os.path.isdir(os.path.join(runner.SITE, "web-base")):
        raise SystemExit("no %s/web-base: run run-browser.sh with BASE_WEB first" % runner.SITE)
    server, port = runner.serve()
    profile_dir = tempfile.mkdtemp(prefix="keepsake-ab-")
    driver, base = runner.start_driver()
    sid = runner.open_session(base, profile_dir)["value"]["sessionId"]
    try:
        print("| build | operation (%d keys, %d rounds) | new ms | base ms | new/base |" % (keys, rounds - 1))
        print("|---|---|---:|---:|---:|")
        for build in ("js", "wasm"):
            runner.call(base, "POST", "/session/%s/url" % sid, {"url": "http://127.0.0.1:%d/page/ab.html?build=%s&rounds=%d&keys=%d"
                                                               % (port, build, rounds, keys)})
            r = runner.page_result(base, sid)
            if r is None or not r.get("ok"):
                raise SystemExit("A/B page failed: %s" % (r and r.get("error") or "timed out"))
            print(json.dumps(r), file=sys.stderr)
            for op in ("lsWrite", "lsRead", "idbWrite", "idbRead"):
                x = r[op]
                print("| %s | %s | %.1f | %.1f | %.2f |" % (build, op, x["newMs"], x["baseMs"], x["ratio"]))
    finally:
        try:
            runner.call(base, "DELETE", "/session/" + sid)
        except Exception:
            pass
        driver.terminate()
        server.shutdown()
        shutil.rmtree(profile_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
