#!/usr/bin/env bash
# Every browser benchmark, in one command (from anywhere):
#   bench/run-browser.sh            # ROUNDS=5 KEYS=2000 UPDATES=100000 by default
#   TASKS=algorithms,sync bench/run-browser.sh      # only some: compare, algorithms, sync
#   BASE_WEB=/tmp/web-before LIBS=keepsake-js,keepsake-js-base,... bench/run-browser.sh
# Builds the browser module's JS and wasm-gc outputs and test classes (no tests) and the
# algorithms' test harness (TestBuilds), installs localForage, idb-keyval and Dexie into
# bench/node_modules (never committed), prints the size table, then runs bench/page in headless
# Chromium (bench/run-browser.py; the sync benchmark starts a sync server from the browser
# module's test class path). Tables: bench/target/browser.md. Never part of `mvn verify`.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # test-compile, not process-classes: browser's test-scoped test-jars of core and server then
  # resolve from the reactor's target/test-classes (the web outputs are made in process-classes).
  # The class path file of each module is what the harness build and the sync server run on.
  (cd "$ROOT" && mvn -B -q ${MVN_OPTS:-} -pl browser -am -DskipTests test-compile \
      dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath)
fi
mkdir -p "$BENCH/target"
export BENCH_CLASSPATH="$BENCH/target/browser-test.classpath"
echo "$ROOT/browser/target/test-classes:$ROOT/browser/target/classes:$(cat "$ROOT/browser/target/test.classpath")" \
  > "$BENCH_CLASSPATH"
case ",${TASKS:-algorithms},${SKIP_BUILD:-0}" in
  *,algorithms,*0)
    # The envelope algorithms' harness, CrossCryptoPage, to browser/target/test-builds/crosscrypto.{js,wasm}.
    (cd "$ROOT/browser" && java -cp "$(cat "$BENCH_CLASSPATH")" dev.keepsake.browser.page.TestBuilds \
      dev.keepsake.browser.crypto.CrossCryptoPage crosscrypto) ;;
esac
(cd "$BENCH" && npm install --no-save --no-audit --no-fund --silent localforage@1.10 idb-keyval@6 dexie@4)

SITE="$BENCH/target/site"
rm -rf "$SITE" && mkdir -p "$SITE"
cp -r "$ROOT/browser/target/web" "$SITE/web"
ln -s "$BENCH/page" "$SITE/page"
ln -s "$BENCH/node_modules" "$SITE/node_modules"
ln -s "$ROOT/browser/target/test-builds" "$SITE/test-builds"
# BASE_WEB=dir (a copy of an older browser/target/web): the keepsake-*-base libraries load it,
# so that a change is measured against the build before it in the same run.
if [ -n "${BASE_WEB:-}" ]; then cp -r "$BASE_WEB" "$SITE/web-base"; fi

"$BENCH/sizes.sh" | tee "$BENCH/target/sizes.md"
echo
python3 "$BENCH/run-browser.py" 2> "$BENCH/target/raw.log" | tee "$BENCH/target/browser.md"
