// Must NOT compile: the build checks that tsc rejects each line marked "error".
import { openStore, createMachine } from "./keepsake.js";

const store = openStore<{ count: number }>({ initial: { count: 0 } });
store.set({ count: "one" });                       // error: string is not a number
openStore({ backend: "floppy" });                  // error: unknown backend
openStore({ compression: "brotli" });              // error: unknown compression
createMachine({ states: {} });                     // error: initial missing
const n: number = store.get().total;               // error: no such property
