// The browser build's last step, after TeaVM has written target/web: minify, then pack.
//   node finish-web.mjs --minify=<true|false> <build tools> <web dir> <npm sources> <licence> <version> <npm out>
// 1. Unless --minify=false: terser (installed by npm ci in <build tools>) rewrites keepsake.js,
//    keepsake-kv.js and keepsake-sync.js in place (minify.mjs says why only these three).
// 2. npm-pack.mjs packs <npm out>/keepsake.tgz from the (now minified) builds.
// The two run in this order here, in one process, so that the pom need not order them.
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [flag, tools, web, ...pack] = process.argv.slice(2);
if (!/^--minify=(true|false)$/.test(flag ?? "") || pack.length !== 4) {
  console.error("usage: node finish-web.mjs --minify=<true|false> <build tools> <web dir> <npm sources> <licence> <version> <npm out>");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const run = (args, cwd) => execFileSync(process.execPath, args, { cwd, stdio: "inherit" });

if (flag === "--minify=true") {
  run(["minify.mjs", resolve(web), "keepsake.js", "keepsake-kv.js", "keepsake-sync.js"], tools);
}
run([join(here, "npm-pack.mjs"), web, ...pack], process.cwd());
