// "keepsake/wasm" bundled by Vite, which finds new URL("./keepsake.wasm", import.meta.url) in the
// loader and emits the file as an asset: loadKeepsake() needs no option.
import { loadKeepsake } from "keepsake/wasm";

const keepsake = await loadKeepsake();
Object.assign(window, { keepsake, keepsakeReady: true });
