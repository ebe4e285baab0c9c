// Must NOT compile: the build checks that tsc rejects each line marked "error".
import { openStore, createMachine, openKeyValue, memoryBackend } from "./keepsake.js";

const store = openStore<{ count: number }>({ initial: { count: 0 } });
store.set({ count: "one" });                       // error: string is not a number
openStore({ backend: "floppy" });                  // error: unknown backend
openStore({ backend: "INDEXED_DB" });              // error: one spelling, "indexeddb"
openStore({ compression: "brotli" });              // error: unknown compression
createMachine({ states: {} });                     // error: initial missing
const n: number = store.get().total;               // error: no such property
openStore({ initial: { when: new Date() } });      // error: a Date is not JSON
openStore<{ save: () => void }>({ initial: { save() {} } });   // error: a function is not JSON
openStore({ initial: 1, encryption: { passphrase: "p", salt: "random" } });   // error: salt is bytes or "stored"
const checkout = createMachine({ initial: "cart", states: { cart: { on: { NEXT: "paid" } }, paid: {} } });
checkout.send("NEXTT");                            // error: no such event
createMachine({ initial: "cartt", states: { cart: {} } });                     // error: no such state
createMachine({ initial: "cart", states: { cart: { on: { GO: "nowhere" } } } });   // error: no such target
const paid: "cart" = checkout.state;               // error: the state may be "paid"
openKeyValue({ sync: true });                      // error: a key-value layer does not follow tabs
openKeyValue({ backend: { name: () => "mine" } }); // error: only Keepsake makes a Backend
openKeyValue().setMany([["a", () => 1]]);          // error: a function is not a Value
openKeyValue({ backend: memoryBackend() }).update<number>("n", (n) => String(n));   // error: must return a number
