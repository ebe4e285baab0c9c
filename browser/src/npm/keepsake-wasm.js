// The wasm-gc build behind one call. loadKeepsake() fetches keepsake.wasm from beside this file
// (new URL(..., import.meta.url), the form bundlers such as Vite copy into their output) or from
// where options.wasm says, and resolves to the same functions keepsake.js exports.
import { load } from "./keepsake.wasm-runtime.js";

export async function loadKeepsake(options) {
  const wasm = options != null && options.wasm != null ? options.wasm : new URL("./keepsake.wasm", import.meta.url);
  // TeaVM's runtime fetches a string and compiles bytes; it takes a URL object for bytes.
  const source = wasm instanceof URL ? wasm.href : wasm;
  if (typeof source !== "string" && !(source instanceof ArrayBuffer) && !ArrayBuffer.isView(source)) {
    throw new TypeError("loadKeepsake: options.wasm must be a URL, a string or the module's bytes");
  }
  return (await load(source)).exports;
}
