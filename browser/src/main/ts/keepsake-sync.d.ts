// Types for keepsake-sync.js: keepsake.js's stores and key-value layer kept in step with a sync
// server. The same exports come from keepsake-sync.wasm (wasm-gc). Writes are durable locally first
// (each with its outbox entry, in one local transaction) and reach the server when it can be reached;
// in a browser, one tab of the origin talks to the server and the others follow it.
import type { KeyValue, StorageOptions, Store, StoreOptions } from "./keepsake.js";

export type {
  Backend, BackendKind, Conflict, ErrorCode, FlushReport, Json, KeepsakeError, KeyValue, StorageDetails, Store,
  Value,
} from "./keepsake.js";
export { indexedDbBackend, localStorageBackend, memoryBackend, openDefaultBackend } from "./keepsake.js";

/** Where to sync. */
export interface SyncOptions {
  /** The sync server's base address, such as "https://sync.example.com". */
  url: string;
  /** The scope (a user, a team, a document) whose keys this storage shares. */
  scope: string;
  /** The bearer token, or a function called for one at start and again after every 401 answer. */
  token: string | ((renew: boolean) => string | Promise<string>);
  /** The first retry delay after a failed round, doubling up to `maxBackoffMs`. Default 500. */
  minBackoffMs?: number;
  /** The longest retry delay. Default 60000. */
  maxBackoffMs?: number;
}

/**
 * Where a sync stands: "offline" (the server cannot be reached, or the page switched it off),
 * "syncing" (pushing the outbox or pulling changes), "up-to-date" (nothing pending, every change
 * pulled), "conflicts" (up to date, but some writes met newer server values: see `conflicts`).
 */
export type SyncState = "offline" | "syncing" | "up-to-date" | "conflicts";

/** A local write that met a newer value on the server. Never resolved silently. */
export interface SyncConflict {
  /** The key as the application wrote it. */
  readonly key: string;
  /** The write's identity, as in {@link WriteFate}. */
  readonly id: string;
}

export interface SyncStatus {
  readonly state: SyncState;
  /** Local writes the server has not answered yet (the outbox). */
  readonly pending: number;
  /** Conflicts since the page opened this storage, oldest first. */
  readonly conflicts: SyncConflict[];
  /** Writes the server refused since then (such as a value over its size limit). */
  readonly rejected: number;
  /** Whether this tab is the one talking to the server (the others follow it). */
  readonly leader: boolean;
  /** The message of the last failure to reach or use the server, if any. */
  readonly error: string | null;
}

/** What became of one write on the server. */
export interface WriteFate {
  readonly key: string;
  /** Unique per device. */
  readonly id: string;
  readonly outcome: "pending" | "applied" | "conflict" | "rejected";
  /** The key as stored (with the key prefix). */
  readonly backendKey: string;
  /** Rejected: the server's reason, such as "value_too_large". */
  readonly reason: string | null;
}

/** The sync of one storage (the same object for every store and key-value layer on it). */
export interface Sync {
  readonly status: SyncStatus;
  /** Calls `listener` with every new status; returns what unsubscribes. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /** Calls `listener` with every write's fate as the server answers; returns what unsubscribes. */
  onFate(listener: (fate: WriteFate) => void): () => void;
  /** Resolves with the fate of the latest write of `key` once the server has answered for it. */
  settled(key: string): Promise<WriteFate>;
  /** The writes the server has not answered yet, oldest first. */
  pendingWrites(): WriteFate[];
  /** Pretends the network is gone (true) or back (false): writes stay local meanwhile. */
  setOffline(offline: boolean): void;
}

export interface SyncedStorageOptions {
  sync: SyncOptions;
}

export type SyncedStoreOptions<T> = Omit<StoreOptions<T>, "sync"> & SyncedStorageOptions;
export type SyncedKeyValueOptions = Omit<StorageOptions, "sync"> & SyncedStorageOptions;

export interface SyncedStore<T> extends Store<T> {
  readonly sync: Sync;
}

export interface SyncedKeyValue extends KeyValue {
  readonly sync: Sync;
}

export function openStore<T>(options: SyncedStoreOptions<T>): SyncedStore<T>;
export function openKeyValue(options: SyncedKeyValueOptions): SyncedKeyValue;
