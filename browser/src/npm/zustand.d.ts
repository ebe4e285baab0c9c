// Types for "keepsake/zustand": a PersistStorage for zustand's persist middleware.
import type { KeyValue } from "./keepsake.js";

/** What zustand's persist stores under its name. */
export interface PersistedValue<S> {
  state: S;
  version?: number;
}

/** zustand's PersistStorage contract, asynchronous. */
export interface ZustandStorage<S> {
  getItem(name: string): Promise<PersistedValue<S> | null>;
  setItem(name: string, value: PersistedValue<S>): Promise<void>;
  removeItem(name: string): Promise<void>;
}

/** Keepsake as persist's `storage`: `persist(creator, { name, storage: zustandStorage(kv) })`. */
export function zustandStorage<S = unknown>(kv: Pick<KeyValue, "get" | "set" | "delete">): ZustandStorage<S>;
