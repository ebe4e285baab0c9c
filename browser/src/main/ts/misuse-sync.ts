// Must NOT compile: the build checks that tsc rejects each line marked "error".
import { openKeyValue, openStore, createMachine } from "./keepsake-sync.js";   // error: no machines in the sync build

openKeyValue({ name: "a" });                                                 // error: sync is required
openKeyValue({ sync: { url: "https://s", scope: "a" } });                    // error: no token
openKeyValue({ sync: { url: "https://s", scope: "a", token: 42 } });         // error: token is a string or function
openStore({ sync: true });                                                   // error: sync is a server, not a flag
openKeyValue({ sync: { url: "https://s", scope: "a", token: "t" } }).sync.setOffline("yes"); // error: boolean
