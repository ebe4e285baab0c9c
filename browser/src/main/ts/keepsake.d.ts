/**
 * Keepsake for the browser: persisted reactive stores, a key-value layer and persisted state
 * machines over IndexedDB, localStorage or memory. The same exports come from keepsake.js (ES
 * module), keepsake-classic.js (globals) and keepsake.wasm (wasm-gc: `(await load("keepsake.wasm")).exports`).
 *
 * Every value stored is checked on the way back (CRC-32C, or the AEAD tag when encrypted).
 * Failures reject (or throw, for the synchronous methods) with a {@link KeepsakeError}.
 */

/** Any value JSON can represent. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What a key-value layer holds: JSON, or bytes. Store and machine types are the page's own interfaces of JSON-serializable data (or Uint8Array for a bytes store). */
export type Value = Json | Uint8Array;

/** Where data is kept. */
export type BackendKind = "indexeddb" | "localstorage" | "memory";

/** The codes of {@link KeepsakeError}. */
export type ErrorCode =
  | "BACKEND_UNAVAILABLE" | "NOT_FOUND" | "READ_FAILED" | "WRITE_FAILED" | "CORRUPTED_DATA"
  | "SERIALIZATION_FAILED" | "QUOTA_EXCEEDED" | "ACCESS_DENIED"
  | "INVALID_ARGUMENT" | "INVALID_STATE" | "INTERNAL";

/** The Error every failure is: `name` and `code` say what happened. Misuse is a TypeError with code INVALID_ARGUMENT. */
export interface KeepsakeError extends Error {
  readonly code: ErrorCode;
  /** The storage key concerned, if any. */
  readonly key: string | null;
  /** The backend concerned, such as "indexedDB(app/values)", if any. */
  readonly backend: string | null;
}

/** One attempt to write a batch, as `onFlush` hears it. */
export interface FlushReport {
  /** Keys in the batch (puts and deletes). */
  entries: number;
  /** Bytes handed to the backend. */
  bytes: number;
  /** When the attempt started (ms since the epoch). */
  startedAt: number;
  durationMs: number;
  /** 1 for the first attempt, 2 and up for retries. */
  attempt: number;
  ok: boolean;
  error: KeepsakeError | null;
}

/** The backend in use and what it holds (all key prefixes). */
export interface StorageDetails {
  backend: BackendKind;
  /** The backend's own name, such as "indexedDB(notes/values)". */
  name: string;
  /** False for memory: data is lost with the page. */
  persistent: boolean;
  /** Why better backends were passed over (backend 'auto' only). */
  fallbacks: string[];
  usedBytes: number;
  availableBytes: number | null;
  entryCount: number;
}

/**
 * A value the cipher did not seal is refused with CORRUPTED_DATA. `readUnencrypted: true` reads
 * values stored without encryption too (while migrating to it); each is encrypted when next written.
 */
export type Encryption =
  | { key: Uint8Array; algorithm?: "aes-256-gcm" | "chacha20-poly1305"; readUnencrypted?: boolean }
  | { passphrase: string; salt?: Uint8Array; iterations?: number; algorithm?: "aes-256-gcm" | "chacha20-poly1305";
      readUnencrypted?: boolean };

/** Options every factory shares. */
export interface StorageOptions {
  /** Default 'auto': IndexedDB, else localStorage, else memory (see StorageDetails.fallbacks). */
  backend?: "auto" | BackendKind;
  /** The IndexedDB database / localStorage prefix. Default "keepsake". */
  name?: string;
  /** Namespace of the keys inside the backend. Default "keepsake". */
  keyPrefix?: string;
  /** Writes are batched this long after the last change. Default 100. */
  debounceMs?: number;
  /** The longest a change waits under a constant stream of changes. Default 1000. */
  flushIntervalMs?: number;
  /** A batch is written as soon as this many keys wait, and holds at most this many (one transaction). Default 10000. */
  maxBatchSize?: number;
  /** Decoded values kept in memory for reads; 0 turns the cache off. Default 1000. */
  cacheSize?: number;
  /** Tried on every value, kept only when smaller. Default 'none'. */
  compression?: "gzip" | "lz4" | "none";
  encryption?: Encryption;
  /** Keep the last `count` versions of each key (at most one per `intervalMs`); corrupt values are recovered from them. */
  backups?: { count?: number; intervalMs?: number };
  /** What a failed write does: keep it and retry (stores' default), or fail its callers (key-value default). */
  errorStrategy?: "keep-retrying" | "retry-once" | "backoff" | "fail-fast";
  /** Follow changes other tabs make. Default true. */
  sync?: boolean;
  /** Write pending changes when the page is hidden or left. Default true. */
  flushOnHide?: boolean;
  /** Told about failed loads and writes; default: console.warn. */
  onError?: (error: KeepsakeError) => void;
  /** Told about every batch written. */
  onFlush?: (report: FlushReport) => void;
}

export interface StoreOptions<T> extends StorageOptions {
  /** The key of the value. Default "state". */
  key?: string;
  /** The value until (and unless) a stored one is read; a Uint8Array makes a bytes store. Default null. */
  initial?: T;
  /** The schema version this code writes. Default 1. */
  version?: number;
  /** Steps from each older version to the next, on plain values: `{1: v1 => v2, 2: v2 => v3}`. */
  migrations?: Record<number, (old: any) => Json>;
  /**
   * Told when a save met a newer value another tab stored: the store ran its unsaved `update`
   * functions again on that value (a `set` value wins over it) and keeps the result.
   */
  onConflict?: (conflict: Conflict<T>) => void;
}

/** What a store did when its save met a newer stored value: the value it now has is `resolved`. */
export interface Conflict<T> {
  readonly key: string;
  /** The store's value before. */
  readonly local: T;
  /** The newer stored value (the initial value if the other tab deleted it). */
  readonly remote: T;
  /** The unsaved changes applied to `remote`: the store's value now. */
  readonly resolved: T;
}

export type Hydration = "hydrating" | "ready" | "failed";

/** A persisted reactive value. get/set/update/subscribe are synchronous; saving happens behind them. */
export interface Store<T> {
  /** A fresh copy of the current value. */
  get(): T;
  /** Replaces the value (saved after the debounce). Throws TypeError for values JSON cannot hold. */
  set(value: T): void;
  /** Replaces the value with `fn(current)`. */
  update(fn: (current: T) => T): void;
  /** Calls `listener` after every change, also changes read from storage or other tabs. */
  subscribe(listener: (value: T) => void): () => void;
  /** Resolves when every change so far is durable. */
  flush(): Promise<void>;
  /** Flushes, then refuses changes (INVALID_STATE). */
  close(): Promise<void>;
  /** Reads the stored value again. */
  reload(): Promise<T>;
  info(): Promise<StorageDetails>;
  readonly hydration: Hydration;
  /** Resolves with the store once the stored value was read (or could not be: see `error`). */
  readonly ready: Promise<Store<T>>;
  /** Why hydration failed, or null. */
  readonly error: KeepsakeError | null;
  readonly key: string;
  /** The backend in use, or null while 'auto' is still choosing. */
  readonly backend: BackendKind | null;
}

/** Many values under string keys; each comes back as the kind it was set as. */
export interface KeyValue {
  /** Resolves with the value, or undefined if there is none. */
  get<T extends Value = Value>(key: string): Promise<T | undefined>;
  /** Resolves with the values under `keys`, in order (undefined where none): one Promise, and on IndexedDB one transaction. */
  getMany(keys: string[]): Promise<(Value | undefined)[]>;
  /** Resolves when the value is durable. */
  set(key: string, value: Value): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  info(): Promise<StorageDetails>;
  /** Removes every key of this layer (its keyPrefix). */
  clear(): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly ready: Promise<KeyValue>;
  readonly backend: BackendKind | null;
}

export interface MachineEvent<P = unknown> {
  type: string;
  payload: P | null;
}

export interface Transition<C> {
  target: string;
  guard?: (context: C, event: MachineEvent<any>) => boolean;
  /** Returns the new context, or undefined to keep it. */
  update?: (context: C, event: MachineEvent<any>) => C | undefined | void;
}

export interface MachineDescription<C> {
  initial: string;
  context?: C;
  /** Transitions are tried in order; the first whose guard accepts fires. */
  states: Record<string, { on?: Record<string, string | Transition<C> | Array<string | Transition<C>>> }>;
}

/** As for stores, except that machines report no flushes (onFlush is not accepted). */
export interface MachineOptions extends Omit<StorageOptions, "onFlush"> {
  /** The key of the snapshot. Default "machine". */
  key?: string;
  version?: number;
}

/** A state machine whose state and context are saved on every transition and restored on start. */
export interface Machine<C> {
  /** Applies an event; returns whether a transition fired. */
  send(type: string, payload?: unknown): boolean;
  can(type: string, payload?: unknown): boolean;
  subscribe(listener: (state: string, context: C, previous: string) => void): () => void;
  flush(): Promise<void>;
  close(): Promise<void>;
  reload(): Promise<Machine<C>>;
  info(): Promise<StorageDetails>;
  readonly state: string;
  readonly context: C;
  readonly states: string[];
  readonly ready: Promise<Machine<C>>;
  readonly backend: BackendKind | null;
}

/**
 * The value type a store infers from `initial`: an empty array literal (`[]`, which strict
 * TypeScript types as `never[]`) becomes `Json[]`, so `initial: { notes: [] }` can grow.
 * An explicit type argument is kept as written.
 */
export type Widened<T> = [Json] extends [T] ? T
  : T extends Uint8Array ? T
  : T extends readonly never[] ? Json[]
  : T extends readonly (infer E)[] ? Widened<E>[]
  : T extends object ? { [K in keyof T]: Widened<T[K]> }
  : T;

export function openStore<T = Json>(options?: StoreOptions<T>): Store<Widened<T>>;
export function openKeyValue(options?: StorageOptions): KeyValue;
export function createMachine<C = Json>(description: MachineDescription<C>, options?: MachineOptions): Machine<C>;

/** A raw backend: bytes under keys. */
export interface Backend {
  name(): string;
  save(key: string, value: Uint8Array): Promise<void>;
  load(key: string): Promise<Uint8Array>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  listKeys(): Promise<string[]>;
  info(): Promise<{ usedBytes: number; availableBytes: number | null; entryCount: number }>;
  clear(): Promise<void>;
  /** Applied together: a value is a put, none a delete. */
  write(entries: Array<{ key: string; value?: Uint8Array | null }>): Promise<void>;
}

export function localStorageBackend(prefix: string): Backend;
export function indexedDbBackend(options?: { database?: string; store?: string; version?: number }): Backend;
export function memoryBackend(): Backend;
export function openDefaultBackend(name: string): Promise<{
  backend: Backend;
  kind: "INDEXED_DB" | "LOCAL_STORAGE" | "MEMORY";
  persistent: boolean;
  rejected: string[];
}>;
