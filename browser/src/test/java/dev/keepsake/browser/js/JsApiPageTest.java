package dev.keepsake.browser.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.browser.page.BrowserSession;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exported API (openStore, openKeyValue, createMachine, typed errors) driven by hand-written
 * JS in real Chromium, in the ES module build and the wasm-gc build: values and machine states
 * survive a reload and a browser restart (same profile, same port), every kind of value comes
 * back as the kind it was stored as, and failures carry the core exception's code. The small
 * {@code keepsake-kv.js} build runs the key-value tests too, and shares its data with
 * {@code keepsake.js}.
 */
class JsApiPageTest {

    private static final String STORE_WRITE = ""
            + "const store = keepsake.openStore({name: 'api-store', key: 'notes', initial: {notes: []}, debounceMs: 10});"
            + "const bytes = keepsake.openStore({name: 'api-store', key: 'bytes', initial: new Uint8Array(0)});"
            + "const seen = [];"
            + "const stop = store.subscribe(value => seen.push(value.notes.length));"
            + "if (!(await store.ready === store)) return 'ready did not resolve with the store';"
            + "await bytes.ready;"
            + "const before = store.hydration + ':' + JSON.stringify(store.get());"
            + "store.set({notes: ['a']});"
            + "store.update(value => ({notes: value.notes.concat('b')}));"
            + "stop();"
            + "store.set({notes: ['a', 'b', 'c']});"
            + "bytes.set(new Uint8Array([1, 2, 255]));"
            + "await store.flush(); await bytes.flush();"
            + "return before + '|' + seen.join(',') + '|' + store.backend + '|' + store.key;";

    private static final String STORE_READ = ""
            + "const store = keepsake.openStore({name: 'api-store', key: 'notes', initial: {notes: []}});"
            + "const bytes = keepsake.openStore({name: 'api-store', key: 'bytes', initial: new Uint8Array(0)});"
            + "const early = store.hydration;"
            + "await store.ready; await bytes.ready;"
            + "const copy = store.get(); copy.notes.push('mutated outside');"
            + "return early + '|' + store.hydration + '|' + JSON.stringify(store.get()) + '|'"
            + " + Array.from(bytes.get()).join(',');";

    private static final String STORE_EXPECTED = "hydrating|ready|{\"notes\":[\"a\",\"b\",\"c\"]}|1,2,255";

    private static final String MIGRATE = ""
            + "const v1 = keepsake.openStore({name: 'api-migrate', initial: {title: ''}, debounceMs: 0});"
            + "await v1.ready; v1.set({title: 'Hello'}); await v1.close();"
            + "const v3 = keepsake.openStore({name: 'api-migrate', initial: {name: '', words: 0}, version: 3,"
            + "  migrations: {1: old => ({name: old.title}), 2: old => ({name: old.name, words: old.name.length})}});"
            + "await v3.ready;"
            + "return JSON.stringify(v3.get()) + '|' + v3.hydration;";

    private static final String KV_WRITE = ""
            + "const kv = keepsake.openKeyValue({name: 'api-kv', keyPrefix: 'kv', debounceMs: 5});"
            + "if (!(await kv.ready === kv)) return 'ready did not resolve with the layer';"
            + "await Promise.all([kv.set('json', {a: [1, 'two', null], b: true}), kv.set('bytes', new Uint8Array([0, 1, 255])),"
            + "  kv.set('text', 'hello'), kv.set('bytes-like-json', [0, 1, 255])]);"
            + "const json = await kv.get('json'), bytes = await kv.get('bytes'), text = await kv.get('text');"
            + "const array = await kv.get('bytes-like-json');"
            + "const missing = await kv.get('missing');"
            + "const keys = (await kv.keys()).sort().join(',');"
            + "await kv.delete('text');"
            + "const after = (await kv.keys()).sort().join(',');"
            + "const info = await kv.info();"
            + "const many = await kv.getMany(['json', 'missing', 'bytes']);"
            + "const refused = [];"
            + "for (const bad of ['json', [1], ['']]) {"
            + "  try { await kv.getMany(bad); refused.push('resolved'); } catch (e) { refused.push(e.code); } }"
            + "return [JSON.stringify(json), bytes instanceof Uint8Array ? Array.from(bytes).join(',') : 'not bytes',"
            + "  Array.isArray(array) ? 'array' : 'not array', text, String(missing), keys, after, info.backend,"
            + "  info.entryCount >= 3, info.usedBytes > 0, kv.backend,"
            + "  JSON.stringify(many[0]) + ',' + String(many[1]) + ',' + Array.from(many[2]).join(':') + ',' + many.length,"
            + "  refused.join(',')].join('|');";

    private static final String KV_READ = ""
            + "const kv = keepsake.openKeyValue({name: 'api-kv', keyPrefix: 'kv'});"
            + "const other = keepsake.openKeyValue({name: 'api-kv', keyPrefix: 'other'});"
            + "const json = await kv.get('json'), bytes = await kv.get('bytes');"
            + "const otherKeys = (await other.keys()).length;"
            + "await kv.clear();"
            + "return [JSON.stringify(json), Array.from(bytes).join(','), otherKeys, (await kv.keys()).length,"
            + "  String(await kv.get('json'))].join('|');";

    private static final String KV_BATCHES = ""
            + "const sum = list => list.reduce((a, b) => a + b, 0);"
            + "const wide = [], narrow = [];"
            + "const big = keepsake.openKeyValue({name: 'api-batches', maxBatchSize: 500, cacheSize: 0, debounceMs: 0,"
            + "  onFlush: report => wide.push(report.entries)});"
            + "await Promise.all(Array.from({length: 250}, (_, i) => big.set('k' + i, i)));"
            + "const small = keepsake.openKeyValue({name: 'api-batches', keyPrefix: 'small', debounceMs: 0,"
            + "  onFlush: report => narrow.push(report.entries)});"
            + "await Promise.all(Array.from({length: 250}, (_, i) => small.set('k' + i, i)));"
            + "const refused = [];"
            + "for (const bad of [{maxBatchSize: 0}, {maxBatchSize: 1.5}, {cacheSize: -1}, {flushIntervalMs: 0},"
            + "    {errorStrategy: 'sometimes'}, {backend: 'floppy'}]) {"
            + "  try { keepsake.openKeyValue(bad); refused.push('accepted'); }"
            + "  catch (e) { refused.push(e.code + (e.message.indexOf(Object.keys(bad)[0]) >= 0 ? '' : ':unnamed')); }"
            + "}"
            + "const accepted = [];"
            + "for (const errorStrategy of ['keep-retrying', 'retry-once', 'backoff', 'fail-fast']) {"
            + "  for (const backend of ['auto', 'indexeddb', 'localstorage', 'memory']) {"
            + "    keepsake.openKeyValue({name: 'api-options', errorStrategy, backend}); accepted.push(1);"
            + "  }"
            + "}"
            + "return {'largest batch with maxBatchSize 500': Math.max(...wide), 'entries flushed with 500': sum(wide),"
            + "  'largest batch by default': Math.max(...narrow), 'entries flushed by default': sum(narrow),"
            + "  'maxBatchSize 0': refused[0], 'maxBatchSize 1.5': refused[1], 'cacheSize -1': refused[2],"
            + "  'flushIntervalMs 0': refused[3], 'errorStrategy sometimes': refused[4], 'backend floppy': refused[5],"
            + "  'valid strategy and backend pairs accepted': accepted.length, 'k7 read back': await big.get('k7')};";

    /**
     * Three managers over one localStorage backend: a writer, one with the default cache and
     * one without. A cached value is served without reading storage (so a write by another
     * manager is not seen); without a cache every read goes to storage; a one-entry cache
     * forgets the older key when another is read.
     */
    private static final String KV_CACHE = ""
            + "const opts = extra => Object.assign({name: 'api-cache', backend: 'localstorage', debounceMs: 0}, extra);"
            + "const writer = keepsake.openKeyValue(opts({cacheSize: 0}));"
            + "const cached = keepsake.openKeyValue(opts({}));"
            + "const uncached = keepsake.openKeyValue(opts({cacheSize: 0}));"
            + "const one = keepsake.openKeyValue(opts({cacheSize: 1}));"
            + "const out = {};"
            + "await writer.set('k', 'first');"
            + "out['cached, first read'] = await cached.get('k');"
            + "out['uncached, first read'] = await uncached.get('k');"
            + "out['one-entry cache, first read'] = await one.get('k');"
            + "await writer.set('k', 'second');"
            + "out['cached, after another manager wrote'] = await cached.get('k');"
            + "out['uncached, after another manager wrote'] = await uncached.get('k');"
            + "out['one-entry cache, after another manager wrote'] = await one.get('k');"
            + "await writer.set('j', 'other');"
            + "await one.get('j');"
            + "out['one-entry cache, after reading another key'] = await one.get('k');"
            + "await writer.clear();"
            + "return out;";

    private static final String KV_BUILD = ""
            + "const out = {};"
            + "for (const name of ['openStore', 'createMachine', 'openKeyValue', 'openDefaultBackend', 'localStorageBackend',"
            + "  'indexedDbBackend', 'memoryBackend']) out[name] = typeof keepsake[name];"
            + "for (const [label, extra] of [['gzip', {compression: 'gzip'}], ['lz4', {compression: 'lz4'}],"
            + "    ['encryption', {encryption: {key: new Uint8Array(32)}}]]) {"
            + "  try { keepsake.openKeyValue(Object.assign({name: 'api-kv-build'}, extra)); out[label] = 'no throw'; }"
            + "  catch (e) { out[label] = (e instanceof TypeError) + ':' + e.code + ':' + (e.message.indexOf('keepsake.js') >= 0); }"
            + "}"
            + "const kv = keepsake.openKeyValue({name: 'api-kv-shared', compression: 'none', debounceMs: 0});"
            + "await kv.set('from-kv', {build: window.keepsakeBuild});"
            + "const memory = keepsake.memoryBackend();"
            + "await memory.save('a', new Uint8Array([1, 2]));"
            + "out['memory backend round trip'] = Array.from(await memory.load('a')).join(',');"
            + "const chosen = await keepsake.openDefaultBackend('api-kv-default');"
            + "out['default backend'] = chosen.kind;"
            + "return out;";

    private static final String KV_SHARED_READ = ""
            + "const kv = keepsake.openKeyValue({name: 'api-kv-shared'});"
            + "const read = JSON.stringify(await kv.get('from-kv'));"
            + "await keepsake.openKeyValue({name: 'api-kv-shared', compression: 'gzip', debounceMs: 0})"
            + "  .set('gzipped', 'a'.repeat(1000));"
            + "return read;";

    private static final String KV_READS_COMPRESSED = ""
            + "try { await keepsake.openKeyValue({name: 'api-kv-shared'}).get('gzipped'); return 'read'; }"
            + "catch (e) { return e.code + ':' + (e.message.indexOf('gzip') >= 0); }";

    private static final String MACHINE = ""
            + "const description = {initial: 'cart', context: {items: 0}, states: {"
            + "  cart: {on: {ADD: {target: 'cart', update: (ctx, evt) => ({items: ctx.items + (evt.payload || 1)})},"
            + "              NEXT: {target: 'address', guard: ctx => ctx.items > 0}}},"
            + "  address: {on: {BACK: 'cart', NEXT: [{target: 'cart', guard: ctx => ctx.items > 99}, 'paid']}},"
            + "  paid: {}}};"
            + "window.machine = keepsake.createMachine(description, {name: 'api-machine', key: 'checkout', debounceMs: 0});"
            + "if (!(await machine.ready === machine)) return 'ready did not resolve with the machine';";

    private static final String MACHINE_FIRST_RUN = MACHINE
            + "const log = [];"
            + "machine.subscribe((state, ctx, from) => log.push(from + '>' + state + ':' + ctx.items));"
            + "const refused = machine.send('NEXT');"
            + "machine.send('ADD', 2);"
            + "const can = machine.can('NEXT');"
            + "const fired = machine.send('NEXT');"
            + "await machine.flush();"
            + "return [refused, can, fired, machine.state, JSON.stringify(machine.context), log.join(' '),"
            + "  machine.states.join(',')].join('|');";

    private static final String MACHINE_RESUME = MACHINE
            + "const resumed = machine.state + ':' + JSON.stringify(machine.context);"
            + "machine.send('NEXT');"
            + "await machine.flush();"
            + "return resumed + '|' + machine.state + '|' + machine.can('BACK');";

    private static final String MACHINE_FINAL = MACHINE + "return machine.state + ':' + machine.context.items;";

    private static final String ERRORS = ""
            + "const out = {};"
            + "const t = (p, label) => Promise.race([p, new Promise(r => setTimeout(() => r('timeout:' + label), 4000))]);"
            + "const describe = e => (e instanceof TypeError ? 'TypeError' : e.name) + ':' + e.code;"
            + "try { keepsake.openStore({backend: 'floppy'}); out['openStore backend floppy'] = 'no throw'; } catch (e) { out['openStore backend floppy'] = describe(e); }"
            + "try { keepsake.openStore({debounceMs: 'soon'}); out['openStore debounceMs soon'] = 'no throw'; } catch (e) { out['openStore debounceMs soon'] = describe(e); }"
            + "try { keepsake.createMachine({initial: 'a', states: {b: {}}}); out['createMachine unknown initial state'] = 'no throw'; } catch (e) { out['createMachine unknown initial state'] = describe(e); }"
            + "try { keepsake.indexedDbBackend({version: 1.5}); out['indexedDbBackend version 1.5'] = 'no throw'; } catch (e) { out['indexedDbBackend version 1.5'] = describe(e); }"
            + "try { keepsake.localStorageBackend('a:b'); out['localStorageBackend prefix a:b'] = 'no throw'; } catch (e) { out['localStorageBackend prefix a:b'] = describe(e); }"
            + "const store = keepsake.openStore({name: 'api-errors', backend: 'memory', initial: 1});"
            + "try { store.set(undefined); out['store.set(undefined)'] = 'no throw'; } catch (e) { out['store.set(undefined)'] = describe(e); }"
            + "try { store.update(value => { throw new RangeError('mine'); }); out['update that throws'] = 'no throw'; }"
            + " catch (e) { out['update that throws'] = e instanceof RangeError ? 'RangeError:' + e.message : 'other:' + e; }"
            + "out['value after both'] = store.get();"
            + "const reported = [];"
            + "const kv = keepsake.openKeyValue({name: 'apierrors', backend: 'localstorage', debounceMs: 0,"
            + "  onError: e => reported.push(e.code)});"
            + "try { await t(kv.get(''), 'get'); out['get of an empty key'] = 'resolved'; }"
            + " catch (e) { out['get of an empty key'] = describe(e); }"
            + "try { out['set of a function'] = await t(kv.set('fn', () => 1), 'fn'); }"
            + " catch (e) { out['set of a function'] = describe(e); }"
            + "await t(kv.set('small', 'kept'), 'small');"
            + "try { out['set of 6 MiB'] = await t(kv.set('huge', 'x'.repeat(6 * 1024 * 1024)), 'huge'); }"
            + " catch (e) { out['set of 6 MiB'] = e.code + ':' + (String(e.key).indexOf('huge') >= 0) + ':' + e.backend"
            + "  + ':' + (e instanceof Error); }"
            + "out['errors reported to onError'] = reported.join(',');"
            + "out['value written before the refused one'] = await t(kv.get('small'), 'getsmall');"
            + "await t(kv.clear(), 'clear');"
            + "return out;";

    private static final String ALGORITHMS = ""
            + "const notes = Array.from({length: 200}, (_, i) => ({id: i, text: 'remember the milk ' + (i % 7), done: false}));"
            + "const sizes = {};"
            + "for (const [label, extra] of [['plain', {}], ['gzip', {compression: 'gzip'}], ['lz4', {compression: 'lz4'}],"
            + "    ['aes', {encryption: {key: new Uint8Array(32).fill(7)}}],"
            + "    ['chacha', {encryption: {key: new Uint8Array(32).fill(7), algorithm: 'chacha20-poly1305'}}],"
            + "    ['gzip+pass', {compression: 'gzip', encryption: {passphrase: 'correct horse', iterations: 100000}}]]) {"
            + "  const kv = keepsake.openKeyValue(Object.assign({name: 'api-algo-' + label.replace('+', '-'), debounceMs: 0}, extra));"
            + "  await kv.set('notes', notes);"
            + "  sizes[label] = (await kv.info()).usedBytes;"
            + "  const back = await keepsake.openKeyValue(Object.assign({name: 'api-algo-' + label.replace('+', '-')}, extra)).get('notes');"
            + "  if (JSON.stringify(back) !== JSON.stringify(notes)) return label + ' did not round-trip';"
            + "}"
            + "const wrong = keepsake.openKeyValue({name: 'api-algo-gzip-pass', encryption: {passphrase: 'wrong horse', iterations: 100000}});"
            + "let code = 'read';"
            + "try { await wrong.get('notes'); } catch (e) {"
            + "  code = e.code === 'CORRUPTED_DATA' ? 'refused' : e.code + ':' + e.message; }"
            + "const switched = [];"
            + "for (const [label, compression] of [['gzip', 'none'], ['gzip', 'lz4'], ['lz4', 'gzip']]) {"
            + "  const back = await keepsake.openKeyValue({name: 'api-algo-' + label, compression}).get('notes');"
            + "  switched.push(JSON.stringify(back) === JSON.stringify(notes));"
            + "}"
            + "return {'gzip under a quarter of plain': sizes.gzip < sizes.plain / 4,"
            + "  'lz4 under half of plain': sizes.lz4 < sizes.plain / 2, 'aes larger than plain': sizes.aes > sizes.plain,"
            + "  'chacha as large as aes': sizes.chacha === sizes.aes,"
            + "  'gzip with a passphrase under a quarter of plain': sizes['gzip+pass'] < sizes.plain / 4,"
            + "  'wrong passphrase': code, 'gzip read as none': switched[0], 'gzip read as lz4': switched[1],"
            + "  'lz4 read as gzip': switched[2]};";

    private static final String SYNC_OPEN = ""
            + "window.synced = keepsake.openStore({name: 'api-sync', key: 'shared', initial: {text: ''}, debounceMs: 0});"
            + "window.heard = [];"
            + "synced.subscribe(value => heard.push(value.text));"
            + "await synced.ready;"
            + "return synced.backend;";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void storeValuesSurviveReloadAndRestart(String page) {
        open(page);
        assertEquals("ready:{\"notes\":[]}|1,2|indexeddb|notes", browser.run(STORE_WRITE));
        open(page);
        assertEquals(STORE_EXPECTED, browser.run(STORE_READ), "after reload");
        restart(page);
        assertEquals(STORE_EXPECTED, browser.run(STORE_READ), "after restart");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void storesMigrateOldValuesStepByStep(String page) {
        open(page);
        assertEquals("{\"name\":\"Hello\",\"words\":5}|ready", browser.run(MIGRATE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void keyValueGivesBackWhatWasSet(String page) {
        open(page);
        assertEquals("{\"a\":[1,\"two\",null],\"b\":true}|0,1,255|array|hello|undefined|bytes,bytes-like-json,json,text"
                + "|bytes,bytes-like-json,json|indexeddb|true|true|indexeddb"
                + "|{\"a\":[1,\"two\",null],\"b\":true},undefined,0:1:255,3|INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT",
                browser.run(KV_WRITE));
        restart(page);
        assertEquals("{\"a\":[1,\"two\",null],\"b\":true}|0,1,255|0|0|undefined", browser.run(KV_READ));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void batchSizeAndCacheSizeAreOptions(String page) {
        open(page);
        browser.assertChecks(Map.ofEntries(Map.entry("largest batch with maxBatchSize 500", 250),
                Map.entry("entries flushed with 500", 250), Map.entry("largest batch by default", 100),
                Map.entry("entries flushed by default", 250), Map.entry("maxBatchSize 0", "INVALID_ARGUMENT"),
                Map.entry("maxBatchSize 1.5", "INVALID_ARGUMENT"), Map.entry("cacheSize -1", "INVALID_ARGUMENT"),
                Map.entry("flushIntervalMs 0", "INVALID_ARGUMENT"), Map.entry("errorStrategy sometimes", "INVALID_ARGUMENT"),
                Map.entry("backend floppy", "INVALID_ARGUMENT"), Map.entry("valid strategy and backend pairs accepted", 16),
                Map.entry("k7 read back", 7)), KV_BATCHES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void cacheSizeDecidesWhetherReadsComeFromTheCache(String page) {
        open(page);
        browser.assertChecks(Map.of("cached, first read", "first", "uncached, first read", "first",
                "one-entry cache, first read", "first", "cached, after another manager wrote", "first",
                "uncached, after another manager wrote", "second", "one-entry cache, after another manager wrote", "first",
                "one-entry cache, after reading another key", "second"), KV_CACHE);
    }

    @Test
    void theKeyValueBuildHasBackendsAndKeyValueOnlyAndSharesDataWithTheFullBuild() {
        open("/pages/kv.html");
        String refused = "true:INVALID_ARGUMENT:true"; // a TypeError whose message points to keepsake.js
        browser.assertChecks(Map.ofEntries(Map.entry("openStore", "undefined"), Map.entry("createMachine", "undefined"),
                Map.entry("openKeyValue", "function"), Map.entry("openDefaultBackend", "function"),
                Map.entry("localStorageBackend", "function"), Map.entry("indexedDbBackend", "function"),
                Map.entry("memoryBackend", "function"), Map.entry("gzip", refused), Map.entry("lz4", refused),
                Map.entry("encryption", refused), Map.entry("memory backend round trip", "1,2"),
                Map.entry("default backend", "INDEXED_DB")), KV_BUILD);
        open("/pages/module.html");
        assertEquals("{\"build\":\"kv\"}", browser.run(KV_SHARED_READ), "read by keepsake.js");
        open("/pages/kv.html");
        assertEquals("SERIALIZATION_FAILED:true", browser.run(KV_READS_COMPRESSED),
                "a compressed value is a clear error in the build without compression");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void machineTransitionsArePersisted(String page) {
        open(page);
        assertEquals("false|true|true|address|{\"items\":2}|cart>cart:2 cart>address:2|cart,address,paid",
                browser.run(MACHINE_FIRST_RUN));
        open(page);
        assertEquals("address:{\"items\":2}|paid|false", browser.run(MACHINE_RESUME), "after reload");
        restart(page);
        assertEquals("paid:2", browser.run(MACHINE_FINAL), "after restart");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void failuresAreTypedErrors(String page) {
        open(page);
        String invalid = "TypeError:INVALID_ARGUMENT";
        browser.assertChecks(Map.ofEntries(Map.entry("openStore backend floppy", invalid),
                Map.entry("openStore debounceMs soon", invalid), Map.entry("createMachine unknown initial state", invalid),
                Map.entry("indexedDbBackend version 1.5", invalid), Map.entry("localStorageBackend prefix a:b", invalid),
                Map.entry("store.set(undefined)", invalid), Map.entry("update that throws", "RangeError:mine"),
                Map.entry("value after both", 1), Map.entry("get of an empty key", invalid),
                Map.entry("set of a function", invalid),
                Map.entry("set of 6 MiB", "QUOTA_EXCEEDED:true:localStorage(apierrors):true"),
                Map.entry("errors reported to onError", "QUOTA_EXCEEDED"),
                Map.entry("value written before the refused one", "kept")), ERRORS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void compressionAndEncryptionChangeTheStoredBytesNotTheValues(String page) {
        open(page);
        browser.assertChecks(Map.of("gzip under a quarter of plain", true, "lz4 under half of plain", true,
                "aes larger than plain", true, "chacha as large as aes", true,
                "gzip with a passphrase under a quarter of plain", true, "wrong passphrase", "refused",
                "gzip read as none", true, "gzip read as lz4", true, "lz4 read as gzip", true), ALGORITHMS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void aChangeInOneTabArrivesInTheOther(String page) {
        open(page);
        assertEquals("indexeddb", browser.run(SYNC_OPEN));
        String first = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        open(page);
        assertEquals("indexeddb", browser.run(SYNC_OPEN));
        assertEquals("set", browser.run("synced.set({text: 'from the second tab'});"
                + " await synced.flush(); return 'set';"));
        browser.driver().switchTo().window(first);
        assertEquals("from the second tab|from the second tab", browser.run(""
                + "for (let i = 0; i < 100 && synced.get().text === ''; i++) await new Promise(r => setTimeout(r, 50));"
                + "return synced.get().text + '|' + heard.join(',');"));
    }

    private void open(String page) {
        browser.open(page);
    }

    private void restart(String page) {
        browser.restart();
        open(page);
    }
}
