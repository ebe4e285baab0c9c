// Types for keepsake-sync-wasm.js, the loader of the sync build's wasm-gc form ("keepsake/sync/wasm").
import type * as KeepsakeSync from "./keepsake-sync.js";

/** What the sync build's wasm-gc form exports: the same functions, with the same types, as keepsake-sync.js. */
export type KeepsakeSyncApi = typeof KeepsakeSync;

export interface LoadSyncOptions {
  /**
   * Where keepsake-sync.wasm is, or its bytes. Default: beside keepsake-sync-wasm.js,
   * `new URL("./keepsake-sync.wasm", import.meta.url)`; give it when a bundler does not copy the file.
   */
  wasm?: string | URL | ArrayBuffer | ArrayBufferView;
}

/** Fetches and instantiates keepsake-sync.wasm; rejects where the browser lacks WebAssembly GC. */
export function loadKeepsakeSync(options?: LoadSyncOptions): Promise<KeepsakeSyncApi>;
