// "keepsake/sync" and "keepsake/sync/wasm": the sync build, bundled. The sync is switched
// offline before the first write, so writes stay local (durable, in the outbox) and read back.
import { openKeyValue } from "keepsake/sync";
import { loadKeepsakeSync, type KeepsakeSyncApi } from "keepsake/sync/wasm";

const sync = { url: location.origin + "/no-sync-server", scope: "npm", token: "t" };

async function roundTrip(open: KeepsakeSyncApi["openKeyValue"], name: string): Promise<string> {
  const kv = open({ name, sync });
  kv.sync.setOffline(true);
  await kv.set("k", { from: name });
  const value = await kv.get<{ from: string }>("k");
  await kv.close();
  return value === undefined ? "missing" : value.from;
}

Object.assign(window, { keepsake: { openKeyValue, loadKeepsakeSync, roundTrip }, keepsakeReady: true });
