// Only "keepsake/kv": the bundle should be about keepsake-kv.js's size, not keepsake.js's.
import { openKeyValue } from "keepsake/kv";

const kv = openKeyValue({ name: "npm-kv" });
Object.assign(window, { keepsake: { kv }, keepsakeReady: true });
