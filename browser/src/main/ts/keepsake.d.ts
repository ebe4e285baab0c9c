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

/**
 * `T` where every part is something JSON holds (or `T` itself when it is a Uint8Array):
 * functions, `undefined`, symbols, bigints, Dates, Maps, Sets and class instances with methods
 * become `never`, so a store of them does not compile. Interfaces work (unlike `T extends Json`,
 * which needs an index signature); optional properties are allowed (JSON leaves them out).
 */
export type JsonCompatible<T> =
  T extends string | number | boolean | null ? T
  : T extends Uint8Array ? T
  : T extends Function | symbol | bigint | undefined | Date | RegExp | Map<any, any> | Set<any> ? never
  : T extends readonly (infer E)[] ? readonly JsonCompatible<E>[]
  : T extends object ? { [K in keyof T]: JsonCompatible<T[K]> }
  : never;

/** Where data is kept. */
export type BackendKind = "indexeddb" | "localstorage" | "memory";

/** The codes of {@link KeepsakeError}. */
export type ErrorCode =
  | "BACKEND_UNAVAILABLE" | "NOT_FOUND" | "READ_FAILED" | "WRITE_FAILED" | "CORRUPTED_DATA"
  | "SERIALIZATION_FAILED" | "QUOTA_EXCEEDED" | "ACCESS_DENIED"
  | "INVALID_ARGUMENT" | "INVALID_STATE" | "INTERNAL";

/**
 * The Error every failure is: `name` is "KeepsakeError" and `code` says what happened. Misuse
 * (a wrong argument or option) is a TypeError (`name` "TypeError") with code INVALID_ARGUMENT;
 * an error thrown by the page's own function (an update, a guard, a migration) is passed back as it is.
 */
export interface KeepsakeError extends Error {
  readonly name: "KeepsakeError" | "TypeError";
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
  /** Why better backends were passed over (backend 'auto' only), best first. */
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
  | { passphrase: string;
      /**
       * The PBKDF2 salt (at least 16 bytes). Default: derived from the storage `name` (the first
       * 16 bytes of SHA-256 of "keepsake passphrase salt", a zero byte and the name), so the same
       * passphrase opens the same data in every tab and after a restart, but two sites with the
       * same name and passphrase derive the same key. `"stored"`: 16 random bytes made by the
       * first page that opens the backend and kept in it (under a key no layer can have), so
       * precomputed guesses do not help; losing that entry loses the data.
       */
      salt?: Uint8Array | "stored";
      /** PBKDF2-HMAC-SHA256 iterations. Default 600000. */
      iterations?: number; algorithm?: "aes-256-gcm" | "chacha20-poly1305";
      readUnencrypted?: boolean };

/** Options every factory shares. */
export interface StorageOptions {
  /**
   * Default 'auto': IndexedDB, else localStorage, else memory (see StorageDetails.fallbacks). A
   * Backend from `indexedDbBackend()`, `localStorageBackend()`, `memoryBackend()` or
   * `openDefaultBackend()` is used as it is (everything given the same object shares it).
   */
  backend?: "auto" | BackendKind | Backend;
  /** The IndexedDB database / localStorage prefix. Default "keepsake". */
  name?: string;
  /**
   * Namespace of the keys inside the backend. Default "keepsake". Stores and machines on one side
   * and key-value layers on the other never share a key, even with the same name and prefix.
   * Must not contain U+0000.
   */
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
  /** Write pending changes when the page is hidden or left. Default true. */
  flushOnHide?: boolean;
  /** Told about failed loads and writes; default: console.warn. */
  onError?: (error: KeepsakeError) => void;
  /** Told about every batch written. */
  onFlush?: (report: FlushReport) => void;
}

/** Options of openKeyValue. */
export interface KeyValueOptions extends StorageOptions {
  /** The clock expiry is measured with (ms since the epoch), for tests. Default Date.now. */
  now?: () => number;
}

/** When an entry expires: `ttl` ms from now, or at `expiresAt` (ms since the epoch). */
export type Expiry = { ttl: number; expiresAt?: never } | { expiresAt: number; ttl?: never };

export interface StoreOptions<T> extends StorageOptions {
  /** Follow changes other tabs make. Default true. */
  sync?: boolean;
  /** The key of the value. Default "state". */
  key?: string;
  /** The value until (and unless) a stored one is read; a Uint8Array makes a bytes store. Default null. */
  initial?: T;
  /** The schema version this code writes. Default 1. */
  version?: number;
  /**
   * Steps from each older version to the next, on plain values: `{1: v1 => v2, 2: v2 => v3}`.
   * Type a step's argument with the shape that version stored; what it returns must be JSON.
   */
  migrations?: Record<number, Migration>;
  /**
   * What is saved of the value (zustand's `partialize`): `s => ({ text: s.text })` keeps a draft
   * out of storage. Default: all of it.
   */
  partialize?: (value: T) => unknown;
  /**
   * Puts what was stored (what `partialize` picked) back into the current value when the store
   * hydrates (zustand's `merge`). Default with `partialize`: the stored fields over the current
   * value's (`{...current, ...stored}`); without it, the stored value replaces the current one.
   */
  merge?: (stored: any, current: T) => T;
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

/** One schema step: what version `n` stored, to what version `n + 1` stores (JSON). */
export type Migration<From = any, To = any> = (old: From) => To;

export type Hydration = "hydrating" | "ready" | "failed";

/** A persisted reactive value. get/set/update/subscribe are synchronous; saving happens behind them. */
export interface Store<T> {
  /**
   * The current value, deeply frozen: the same object until the value changes, so it is a
   * stable snapshot for React's `useSyncExternalStore(store.subscribe, store.get)` (get, set,
   * update and subscribe are bound: they may be passed on detached).
   */
  get(): T;
  /** Replaces the value (saved after the debounce). Throws TypeError for values JSON cannot hold. */
  set(value: T): void;
  /** Replaces the value with `fn(current)`. */
  update(fn: (current: T) => T): void;
  /** Calls `listener` with the value `get()` returns after every change, also changes read from storage or other tabs. */
  subscribe(listener: (value: T) => void): () => void;
  /** Resolves when every change so far is durable. */
  flush(): Promise<void>;
  /** Flushes, then refuses changes (INVALID_STATE). */
  close(): Promise<void>;
  /** Reads the stored value again (a fresh copy). */
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
  getMany<T extends Value = Value>(keys: readonly string[]): Promise<(T | undefined)[]>;
  /**
   * Resolves when the value is durable. With an expiry, reads after it find nothing, and the
   * entry is deleted when it is next read (`keys()` lists it until then).
   */
  set(key: string, value: Value, options?: Expiry): Promise<void>;
  /**
   * Stores every `[key, value]` pair (as idb-keyval's setMany); nothing if any pair is invalid.
   * The pairs are written in one batch (one IndexedDB transaction) while they fit in maxBatchSize.
   */
  setMany(entries: ReadonlyArray<readonly [string, Value]>): Promise<void>;
  /**
   * Stores `fn(current)` (current is undefined when there is none or it expired), keeping the
   * entry's expiry; a layer's updates run one after another.
   */
  update<T extends Value = Value>(key: string, fn: (current: T | undefined) => T): Promise<void>;
  delete(key: string): Promise<void>;
  /** Removes every key of `keys`. */
  delMany(keys: readonly string[]): Promise<void>;
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

export interface Transition<C, S extends string = string> {
  target: NoInfer<S>;
  guard?: (context: C, event: MachineEvent<any>) => boolean;
  /** Returns the new context, or undefined to keep it. */
  update?: (context: C, event: MachineEvent<any>) => C | undefined | void;
}

/** What may follow an event in a state: a target state, a transition, or several tried in order. */
export type TransitionSpec<C, S extends string> = NoInfer<S> | Transition<C, S> | Array<NoInfer<S> | Transition<C, S>>;

/**
 * A machine's states `S` are the keys of `states`, its events `E` the keys of their `on`
 * objects: `initial` and every target must name a state, and `send` takes only known events.
 */
export interface MachineDescription<C, S extends string = string, E extends string = string> {
  initial: NoInfer<S>;
  context?: C;
  /** Transitions are tried in order; the first whose guard accepts fires. */
  states: Record<S, { on?: { [K in E]?: TransitionSpec<C, S> } }>;
}

/** As for stores, except that machines report no flushes (onFlush is not accepted). */
export interface MachineOptions extends Omit<StorageOptions, "onFlush"> {
  /** Follow changes other tabs make. Default true. */
  sync?: boolean;
  /** The key of the snapshot. Default "machine". */
  key?: string;
  version?: number;
}

/** A state machine whose state and context are saved on every transition and restored on start. */
export interface Machine<C, S extends string = string, E extends string = string> {
  /** Applies an event; returns whether a transition fired. (Bound: may be passed on detached.) */
  send(type: E, payload?: unknown): boolean;
  can(type: E, payload?: unknown): boolean;
  subscribe(listener: (state: S, context: C, previous: S) => void): () => void;
  flush(): Promise<void>;
  close(): Promise<void>;
  reload(): Promise<Machine<C, S, E>>;
  info(): Promise<StorageDetails>;
  readonly state: S;
  /** Deeply frozen: the same object until the context changes. */
  readonly context: C;
  readonly states: S[];
  readonly ready: Promise<Machine<C, S, E>>;
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

/** Nothing when `T` is JSON-compatible; else a `never` property named `P` that the call cannot satisfy. */
export type JsonOnly<T, P extends string> = [T] extends [JsonCompatible<T>] ? unknown : { [K in P]: never };

/** Values must be JSON (or one Uint8Array): `openStore({ initial: new Date() })` does not compile. */
export function openStore<T = Json>(options?: StoreOptions<T> & JsonOnly<T, "initial">): Store<Widened<T>>;
export function openKeyValue(options?: KeyValueOptions): KeyValue;
export function createMachine<C = Json, S extends string = string, E extends string = string>(
  description: MachineDescription<C, S, E> & JsonOnly<C, "context">, options?: MachineOptions): Machine<C, S, E>;

declare const madeByKeepsake: unique symbol;

/** A raw backend: bytes under keys. Only Keepsake's factories make one. */
export interface Backend {
  readonly [madeByKeepsake]: true;
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
  kind: BackendKind;
  persistent: boolean;
  /** Why better backends were passed over, best first (as StorageDetails.fallbacks). */
  fallbacks: string[];
}>;
