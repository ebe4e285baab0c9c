// Each line marked "error:" must fail tsc --strict (NpmConsumerTest counts them): the adapters'
// declarations say what they take and give, so a wrong use does not compile.
import { openKeyValue } from "keepsake/kv";
import { zustandStorage } from "keepsake/zustand";
import { reduxPersistStorage } from "keepsake/redux-persist";
import { piniaStorage } from "keepsake/pinia";
import { loadKeepsake } from "keepsake/wasm";

const kv = openKeyValue({ name: "misuse" });
zustandStorage(localStorage); // error: a Storage is not a key-value layer
reduxPersistStorage({ get: async () => undefined }); // error: no set or delete
const synchronous: string | null = reduxPersistStorage(kv).getItem("k"); // error: redux-persist's getItem is async
piniaStorage(kv).getItem("k"); // error: piniaStorage resolves to the storage
const storage = await piniaStorage(kv);
storage.setItem("k", { a: 1 }); // error: the plugin hands over strings
zustandStorage(kv).setItem("n", "1"); // error: persist stores { state, version }, not text
await loadKeepsake({ wasm: 42 }); // error: a URL, a string or bytes
(await loadKeepsake()).openKeyValue({ name: 1 }); // error: the wasm build has keepsake.js's types
export {};
