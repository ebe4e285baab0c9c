// Bundles each page of src/ (and the README's blocks that NpmConsumerTest writes there) with
// esbuild, as an app would, into dist/, next to a copy of the package's keepsake.wasm (where
// the wasm loader looks by default; esbuild does not copy it); writes dist/sizes.json (bytes of
// each bundle). Then Vite builds vite-app/ into dist-vite/ for /vite/, emitting keepsake.wasm
// as an asset because the loader names it with new URL(..., import.meta.url).
import { build } from "esbuild";
import { build as viteBuild } from "vite";
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist");
const pages = readdirSync("src").filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"));
await build({
  entryPoints: pages.map((name) => "src/" + name),
  outdir: "dist",
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  logLevel: "warning",
  define: {
    "process.env.NODE_ENV": "\"production\"",
    __VUE_OPTIONS_API__: "true",
    __VUE_PROD_DEVTOOLS__: "false",
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  },
});
copyFileSync("node_modules/keepsake/keepsake.wasm", "dist/keepsake.wasm");
copyFileSync("node_modules/keepsake/keepsake-sync.wasm", "dist/keepsake-sync.wasm");
const sizes = {};
for (const name of readdirSync("dist")) {
  sizes[name] = statSync("dist/" + name).size;
}
writeFileSync("dist/sizes.json", JSON.stringify(sizes, null, 2) + "\n");

await viteBuild({
  root: "vite-app",
  base: "/vite/",
  logLevel: "warn",
  build: { outDir: "../dist-vite", emptyOutDir: true, target: "es2022" },
});
