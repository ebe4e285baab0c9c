// Stages the npm package "keepsake" and packs it with npm pack:
//   node npm-pack.mjs <web dir> <npm sources> <licence> <version> <out dir>
// The package is the builds in <web dir> (after terser), the loader, adapters and package.json
// from <npm sources> (its version replaced by the POM's), and the licence. Every file the
// exports map names must be there, else the build fails here rather than in a user's bundler.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [web, sources, licence, version, out] = process.argv.slice(2).map((arg, i) => (i === 3 ? arg : arg && resolve(arg)));
if (!out) {
  throw new Error("usage: node npm-pack.mjs <web dir> <npm sources> <licence> <version> <out dir>");
}
const FROM_WEB = ["keepsake.js", "keepsake.d.ts", "keepsake-kv.js", "keepsake-kv.d.ts", "keepsake.wasm",
  "keepsake.wasm-runtime.js", "keepsake-sync.js", "keepsake-sync.d.ts", "keepsake-sync.wasm"];
const stage = join(out, "package");
rmSync(out, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const name of FROM_WEB) {
  copyFileSync(join(web, name), join(stage, name));
}
for (const name of readdirSync(sources)) {
  if (name !== "package.json") {
    copyFileSync(join(sources, name), join(stage, name));
  }
}
copyFileSync(licence, join(stage, "LICENSE"));

const manifest = JSON.parse(readFileSync(join(sources, "package.json"), "utf8"));
manifest.version = version;
delete manifest["//"];
const targets = [];
for (const [entry, target] of Object.entries(manifest.exports)) {
  const conditions = typeof target === "string" ? { default: target } : target;
  const names = Object.keys(conditions);
  if (names.length > 1 && names[0] !== "types") {
    throw new Error("exports " + entry + ": \"types\" must come first");
  }
  targets.push(...Object.values(conditions));
}
writeFileSync(join(stage, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
for (const target of targets) {
  if (!existsSync(join(stage, target))) {
    throw new Error("package.json exports " + target + ", which the package does not have");
  }
}
const report = execFileSync("npm", ["pack", "--json", "--pack-destination", out], { cwd: stage, encoding: "utf8" });
writeFileSync(join(out, "pack.json"), report);
const [packed] = JSON.parse(report);
copyFileSync(join(out, packed.filename), join(out, "keepsake.tgz"));
console.log("npm pack: " + packed.filename + ", " + packed.entryCount + " files, " + packed.size + " bytes");
