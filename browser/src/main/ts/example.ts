// A page's use of Keepsake, compiled against keepsake.d.ts by the build (tsc --strict).
import {
  createMachine, memoryBackend, openKeyValue, openStore, type KeepsakeError, type Migration, type Store,
} from "./keepsake.js";

interface Note { id: number; text: string; done: boolean }
interface Board { notes: Note[] }
interface BoardV1 { items: string[] }
interface Editor { text: string; draft: string }

export async function main(): Promise<string> {
  const board: Store<Board> = openStore<Board>({
    name: "notes-app", key: "board", initial: { notes: [] }, debounceMs: 200,
    compression: "gzip", encryption: { passphrase: "correct horse battery staple" },
    version: 2, migrations: { 1: ((old) => ({ notes: old.items.map((text, id) => ({ id, text, done: false })) })) satisfies Migration<BoardV1, Board> },
    onError: (e: KeepsakeError) => console.warn(e.code, e.key),
    onFlush: (r) => console.log(`${r.entries} keys, ${r.bytes} bytes in ${r.durationMs} ms`),
  });
  const stop = board.subscribe((value) => console.log(value.notes.length));
  await board.ready;
  board.update((b) => ({ notes: [...b.notes, { id: b.notes.length, text: "milk", done: false }] }));
  await board.flush();
  stop();

  const files = openKeyValue({ backend: "indexeddb", keyPrefix: "files" });
  await files.set("avatar", new Uint8Array([1, 2, 3]));
  const avatar = await files.get<Uint8Array>("avatar");
  const details = await files.info();
  await files.setMany([["a", 1], ["b", { tags: ["x"] }]]);
  await files.update<number>("a", (n) => (n ?? 0) + 1);
  const [a]: (number | undefined)[] = await files.getMany<number>(["a"]);
  await files.delMany(["a", "b"]);

  const memory = memoryBackend();
  const editor = openStore({
    backend: memory, initial: { text: "", draft: "" } as Editor,
    partialize: (e) => ({ text: e.text }), merge: (stored: { text: string }, current) => ({ ...current, text: stored.text }),
    encryption: { passphrase: "correct horse battery staple", salt: "stored" },
  });
  const { get, subscribe } = editor;
  const snapshot: Editor = get();
  subscribe((e) => console.log(e.text, snapshot.draft, a));

  const checkout = createMachine({
    initial: "cart", context: { items: 0 },
    states: {
      cart: { on: { ADD: { target: "cart", update: (ctx) => ({ items: ctx.items + 1 }) },
                    NEXT: { target: "paid", guard: (ctx) => ctx.items > 0 } } },
      paid: {},
    },
  }, { key: "checkout" });
  await checkout.ready;
  checkout.send("ADD");
  const moved: boolean = checkout.send("NEXT");
  const state: "cart" | "paid" = checkout.state;
  return `${board.hydration} ${avatar?.length} ${details.backend} ${moved} ${checkout.state} ${checkout.context.items}`;
}
