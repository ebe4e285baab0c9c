// zustand's persist with Keepsake as its storage (the one changed line is storage:).
import { createStore } from "zustand/vanilla";
import { persist } from "zustand/middleware";
import { openKeyValue } from "keepsake/kv";
import { zustandStorage } from "keepsake/zustand";

interface Cart {
  items: string[];
  add(item: string): void;
}

const kv = openKeyValue({ name: "npm-zustand" });
const cart = createStore<Cart>()(persist((set) => ({
  items: [],
  add: (item: string) => set((state) => ({ items: [...state.items, item] })),
}), { name: "cart", storage: zustandStorage(kv) }));
const hydrated = cart.persist.hasHydrated()
  ? Promise.resolve()
  : new Promise<void>((resolve) => cart.persist.onFinishHydration(() => resolve()));

Object.assign(window, { keepsake: { kv, cart, hydrated }, keepsakeReady: true });
