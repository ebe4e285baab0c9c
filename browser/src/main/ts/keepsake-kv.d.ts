// Types for keepsake-kv.js, the small build: the backends and openKeyValue of keepsake.js with
// the same types, minus compression and encryption (asking for them throws a TypeError).
import type { KeyValue, KeyValueOptions as FullKeyValueOptions } from "./keepsake.js";

export type {
  Backend, BackendKind, ErrorCode, Expiry, FlushReport, Json, KeepsakeError, KeyValue, StorageDetails, Value,
} from "./keepsake.js";
export { indexedDbBackend, localStorageBackend, memoryBackend, openDefaultBackend } from "./keepsake.js";

/** The options of keepsake.js's openKeyValue without compression and encryption. */
export type KeyValueOptions = Omit<FullKeyValueOptions, "compression" | "encryption"> & { compression?: "none" };

export function openKeyValue(options?: KeyValueOptions): KeyValue;
