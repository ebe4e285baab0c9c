// Bundles each page of src/ (and the README's blocks that NpmConsumerTest writes there) with
// esbuild, as an app would, into dist/, next to a copy of the package's keepsake.wasm (where
// the wasm loader looks by default); writes dist/sizes.json (bytes of each bundle).
import { build } from "esbuild";
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
const sizes = {};
for (const name of readdirSync("dist")) {
  sizes[name] = statSync("dist/" + name).size;
}
writeFileSync("dist/sizes.json", JSON.stringify(sizes, null, 2) + "\n");
