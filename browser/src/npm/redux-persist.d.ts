// Types for "keepsake/redux-persist": redux-persist's Storage contract, asynchronous.
import type { KeyValue } from "./keepsake.js";

export interface ReduxPersistStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/** Keepsake as persistReducer's `storage`: `persistReducer({ key, storage: reduxPersistStorage(kv) }, reducer)`. */
export function reduxPersistStorage(kv: Pick<KeyValue, "get" | "set" | "delete">): ReduxPersistStorage;
