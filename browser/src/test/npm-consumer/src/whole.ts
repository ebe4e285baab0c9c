// The whole API from "keepsake": a store, restored on the next visit.
import { openStore } from "keepsake";

const board = openStore({ name: "npm-whole", key: "board", initial: { notes: [] as string[] } });
await board.ready;
Object.assign(window, { keepsake: { board }, keepsakeReady: true });
