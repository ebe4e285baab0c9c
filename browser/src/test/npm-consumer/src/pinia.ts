// pinia-plugin-persistedstate with Keepsake as a store's storage (the one changed line is storage:).
import { createApp } from "vue";
import { createPinia, defineStore } from "pinia";
import piniaPluginPersistedstate from "pinia-plugin-persistedstate";
import { openKeyValue } from "keepsake/kv";
import { piniaStorage } from "keepsake/pinia";

const kv = openKeyValue({ name: "npm-pinia" });
const storage = await piniaStorage(kv);
const pinia = createPinia();
pinia.use(piniaPluginPersistedstate);
createApp({}).use(pinia);

const useCart = defineStore("cart", {
  state: () => ({ items: [] as string[] }),
  actions: {
    add(item: string) {
      this.items.push(item);
    },
  },
  persist: { storage },
});
const cart = useCart(pinia);

Object.assign(window, { keepsake: { kv, cart }, keepsakeReady: true });
