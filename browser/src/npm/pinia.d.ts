// Types for "keepsake/pinia": pinia-plugin-persistedstate's StorageLike contract (synchronous).
import type { KeyValue } from "./keepsake.js";

export interface PiniaStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PiniaStorageOptions {
  /** Receives a write the layer refused (the plugin cannot wait for one). */
  onError?: (error: Error) => void;
}

/**
 * Reads every key of `kv` and resolves to a synchronous storage answering from that copy:
 * `persist: { storage: await piniaStorage(kv) }`. Give it a layer of its own (its own `name`).
 */
export function piniaStorage(
  kv: Pick<KeyValue, "keys" | "getMany" | "set" | "delete">, options?: PiniaStorageOptions): Promise<PiniaStorage>;
