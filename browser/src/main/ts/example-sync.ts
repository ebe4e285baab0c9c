// A page's use of the sync build, compiled against keepsake-sync.d.ts by the build (tsc --strict).
import { openKeyValue, openStore, type SyncStatus, type WriteFate } from "./keepsake-sync.js";

interface Note { text: string; done: boolean }

export async function syncedNotes(url: string, fetchToken: () => Promise<string>): Promise<WriteFate> {
  const notes = openStore<Note[]>({ name: "notes", key: "notes", initial: [],
    sync: { url, scope: "team-1", token: (renew: boolean) => fetchToken() } });
  notes.sync.onStatus((s: SyncStatus) => console.log(s.state, s.pending, s.conflicts.length, s.leader));
  notes.update(list => [...list, { text: "milk", done: false }]);
  const kv = openKeyValue({ name: "notes", sync: { url, scope: "team-1", token: "abc" } });
  await kv.set("draft", { text: "hello" });
  kv.sync.setOffline(true);
  kv.sync.setOffline(false);
  kv.sync.onFate(fate => console.log(fate.id, fate.outcome, fate.reason));
  const state: "offline" | "syncing" | "up-to-date" | "conflicts" = kv.sync.status.state;
  console.log(state);
  return kv.sync.settled("draft");
}
