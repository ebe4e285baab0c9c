// Types for keepsake-wasm.js, the loader of the wasm-gc build ("keepsake/wasm").
import type * as Keepsake from "./keepsake.js";

/** What the wasm-gc build exports: the same functions, with the same types, as keepsake.js. */
export type KeepsakeApi = typeof Keepsake;

export interface LoadOptions {
  /**
   * Where keepsake.wasm is, or its bytes. Default: beside keepsake-wasm.js,
   * `new URL("./keepsake.wasm", import.meta.url)`; give it when a bundler does not copy the file.
   */
  wasm?: string | URL | ArrayBuffer | ArrayBufferView;
}

/** Fetches and instantiates keepsake.wasm; rejects where the browser lacks WebAssembly GC. */
export function loadKeepsake(options?: LoadOptions): Promise<KeepsakeApi>;
