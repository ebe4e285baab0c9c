#!/usr/bin/env bash
# Size table: Keepsake's ES modules and wasm-gc build next to the libraries' minified dist files.
# Raw bytes, gzip -9 and brotli -q 11, each file compressed on its own.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
WEB="$(dirname "$BENCH")/browser/target/web"
NM="$BENCH/node_modules"
row() {
  local name="$1"; shift
  local raw=0 gz=0 br=0 f
  for f in "$@"; do
    raw=$((raw + $(wc -c < "$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
    br=$((br + $(brotli -q 11 -c "$f" | wc -c)))
  done
  echo "| $name | $raw | $gz | $br |"
}
ver() { node -e "console.log(require('$NM/$1/package.json').version)"; }
echo "| file | raw bytes | gzip -9 | brotli -q 11 |"
echo "|---|---:|---:|---:|"
row "Keepsake keepsake.js (ES module, TeaVM JS)" "$WEB/keepsake.js"
row "Keepsake keepsake-kv.js (ES module: backends + key-value only)" "$WEB/keepsake-kv.js"
row "Keepsake keepsake.wasm (wasm-gc)" "$WEB/keepsake.wasm"
row "Keepsake keepsake.wasm-runtime.js (wasm loader)" "$WEB/keepsake.wasm-runtime.js"
row "Keepsake wasm-gc total (wasm + loader)" "$WEB/keepsake.wasm" "$WEB/keepsake.wasm-runtime.js"
row "localForage $(ver localforage) dist/localforage.min.js" "$NM/localforage/dist/localforage.min.js"
row "idb-keyval $(ver idb-keyval) dist/umd.js (minified)" "$NM/idb-keyval/dist/umd.js"
row "Dexie $(ver dexie) dist/dexie.min.js" "$NM/dexie/dist/dexie.min.js"
