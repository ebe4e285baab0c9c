// A page's use of the small build, compiled against keepsake-kv.d.ts by the build (tsc --strict).
import { openDefaultBackend, openKeyValue, type KeepsakeError } from "./keepsake-kv.js";

export async function saveDraft(text: string): Promise<string[]> {
  const kv = openKeyValue({ name: "my-app", debounceMs: 50, onError: (e: KeepsakeError) => console.warn(e.code) });
  await kv.ready;
  await kv.set("draft", { text, tags: ["a"] });
  await kv.set("avatar", new Uint8Array([1, 2, 3]));
  const draft = await kv.get("draft");
  const [again, avatar] = await kv.getMany(["draft", "avatar"]);
  const { backend, kind, fallbacks } = await openDefaultBackend("my-app");
  await backend.save("raw", new Uint8Array([4]));
  const onChosen = openKeyValue({ backend });
  await onChosen.setMany([["a", 1], ["b", "two"]]);
  await onChosen.update<number>("a", (n) => (n ?? 0) + 1);
  await onChosen.delMany(["b"]);
  await onChosen.set("session", { user: 1 }, { ttl: 60_000 });
  const clocked = openKeyValue({ now: () => 0 });
  await clocked.set("until", 1, { expiresAt: 1000 });
  console.log(draft, again, avatar instanceof Uint8Array, kind, fallbacks.length, kv.backend);
  return kv.keys();
}
