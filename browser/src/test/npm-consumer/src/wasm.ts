// "keepsake/wasm": the loader finds keepsake.wasm beside the bundle, or where it is told.
import { loadKeepsake, type KeepsakeApi } from "keepsake/wasm";

async function roundTrip(api: KeepsakeApi, name: string): Promise<string> {
  const kv = api.openKeyValue({ name });
  await kv.set("k", { from: "wasm" });
  const value = await kv.get<{ from: string }>("k");
  await kv.close();
  return value === undefined ? "missing" : value.from;
}

Object.assign(window, { keepsake: { loadKeepsake, roundTrip }, keepsakeReady: true });
