// Must NOT compile: the build checks that tsc rejects each line marked "error".
import { openKeyValue, openStore } from "./keepsake-kv.js";   // error: no openStore in the small build

openKeyValue({ compression: "gzip" });                         // error: no compression in the small build
openKeyValue({ encryption: { passphrase: "x" } });             // error: no encryption in the small build
openKeyValue({ backend: "floppy" });                           // error: unknown backend
openKeyValue({ sync: false });                                 // error: a key-value layer does not follow tabs
openKeyValue().set("k", 1, { ttl: 1, expiresAt: 2 });        // error: one expiry, not both
