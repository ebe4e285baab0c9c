// The wasm-gc build of keepsake-sync.js behind one call. loadKeepsakeSync() fetches
// keepsake-sync.wasm from beside this file (new URL(..., import.meta.url), the form bundlers such
// as Vite copy into their output) or from where options.wasm says, and resolves to the same
// functions keepsake-sync.js exports.
import { load } from "./keepsake.wasm-runtime.js";

export async function loadKeepsakeSync(options) {
  const wasm = options != null && options.wasm != null ? options.wasm : new URL("./keepsake-sync.wasm", import.meta.url);
  // TeaVM's runtime fetches a string and compiles bytes; it takes a URL object for bytes.
  const source = wasm instanceof URL ? wasm.href : wasm;
  if (typeof source !== "string" && !(source instanceof ArrayBuffer) && !ArrayBuffer.isView(source)) {
    throw new TypeError("loadKeepsakeSync: options.wasm must be a URL, a string or the module's bytes");
  }
  return (await load(source)).exports;
}
