// zustand's persist on a layer of the whole API that encrypts, on localStorage (where the test
// can read what was stored), beside a plain layer as the control: the adapter hands zustand's
// state to the layer, which seals it as configured.
import { createStore } from "zustand/vanilla";
import { persist } from "zustand/middleware";
import { openKeyValue } from "keepsake";
import { zustandStorage } from "keepsake/zustand";

const kv = openKeyValue({ name: "npm-sealed", backend: "localstorage",
  encryption: { passphrase: "correct horse battery staple" } });
const plain = openKeyValue({ name: "npm-plain", backend: "localstorage" });
const notes = createStore<{ lines: string[] }>()(persist(() => ({ lines: [] as string[] }),
  { name: "notes", storage: zustandStorage(kv) }));
const hydrated = notes.persist.hasHydrated()
  ? Promise.resolve()
  : new Promise<void>((resolve) => notes.persist.onFinishHydration(() => resolve()));

Object.assign(window, { keepsake: { kv, plain, notes, hydrated }, keepsakeReady: true });
