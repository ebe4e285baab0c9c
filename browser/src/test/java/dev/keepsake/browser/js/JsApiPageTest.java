package dev.keepsake.browser.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.browser.page.BrowserSession;
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
            + "const store = keepsake.openStore({name: 'api-store', key: 'notes', initial: {notes: []}, "
            + "debounceMs: 10});"
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
            + "try { store.get().notes.push('mutated outside'); } catch (e) { /* frozen */ }"
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
            + "await Promise.all([kv.set('json', {a: [1, 'two', null], b: true}), kv.set('bytes', new Uint8Array([0, "
            + "1, 255])),"
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
            + "  JSON.stringify(many[0]) + ',' + String(many[1]) + ',' + Array.from(many[2]).join(':') + ',' + "
            + "many.length,"
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
            + "const wide = [], narrow = [], usual = [];"
            + "const big = keepsake.openKeyValue({name: 'api-batches', maxBatchSize: 500, cacheSize: 0, debounceMs: 0,"
            + "  onFlush: report => wide.push(report.entries)});"
            + "await Promise.all(Array.from({length: 250}, (_, i) => big.set('k' + i, i)));"
            + "const small = keepsake.openKeyValue({name: 'api-batches', keyPrefix: 'small', maxBatchSize: 100,"
            + "  debounceMs: 0, onFlush: report => narrow.push(report.entries)});"
            + "await Promise.all(Array.from({length: 250}, (_, i) => small.set('k' + i, i)));"
            + "const plain = keepsake.openKeyValue({name: 'api-batches', keyPrefix: 'plain', debounceMs: 0,"
            + "  onFlush: report => usual.push(report.entries)});"
            + "const written = Array.from({length: 2500}, (_, i) => plain.set('k' + i, i));"
            + "await plain.flush(); await Promise.all(written);"
            + "const refused = [];"
            + "for (const bad of [{maxBatchSize: 0}, {maxBatchSize: 1.5}, {cacheSize: -1}, {flushIntervalMs: 0},"
            + "    {errorStrategy: 'sometimes'}, {backend: 'floppy'}, {sync: true}, {keyPrefix: 'a\\0kv'}]) {"
            + "  try { keepsake.openKeyValue(bad); refused.push('accepted'); }"
            + "  catch (e) { refused.push(e.code + (e.message.indexOf(Object.keys(bad)[0]) >= 0 ? '' : ':unnamed')); }"
            + "}"
            + "const accepted = [];"
            + "for (const errorStrategy of ['keep-retrying', 'retry-once', 'backoff', 'fail-fast']) {"
            + "  for (const backend of ['auto', 'indexeddb', 'localstorage', 'memory']) {"
            + "    keepsake.openKeyValue({name: 'api-options', errorStrategy, backend}); accepted.push(1);"
            + "  }"
            + "}"
            + "return [Math.max(...wide), sum(wide), Math.max(...narrow), sum(narrow), usual.join(','), "
            + "refused.join(','),"
            + "  accepted.length, await big.get('k7')].join(' ');";

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
            + "const out = [];"
            + "await writer.set('k', 'first');"
            + "out.push(await cached.get('k'), await uncached.get('k'), await one.get('k'));"
            + "await writer.set('k', 'second');"
            + "out.push(await cached.get('k'), await uncached.get('k'), await one.get('k'));"
            + "await writer.set('j', 'other');"
            + "await one.get('j');"
            + "out.push(await one.get('k'));"
            + "await writer.clear();"
            + "return out.join(' ');";

    private static final String KV_BUILD = ""
            + "const out = [];"
            + "out.push(['openStore', 'createMachine', 'openKeyValue', 'openDefaultBackend', 'localStorageBackend',"
            + "  'indexedDbBackend', 'memoryBackend'].map(name => typeof keepsake[name]).join(','));"
            + "for (const extra of [{compression: 'gzip'}, {compression: 'lz4'}, {encryption: {key: new "
            + "Uint8Array(32)}}]) {"
            + "  try { keepsake.openKeyValue(Object.assign({name: 'api-kv-build'}, extra)); out.push('no throw'); }"
            + "  catch (e) { out.push((e instanceof TypeError) + ':' + e.code + ':' + "
            + "(e.message.indexOf('keepsake.js') >= 0)); }"
            + "}"
            + "const kv = keepsake.openKeyValue({name: 'api-kv-shared', compression: 'none', debounceMs: 0});"
            + "await kv.set('from-kv', {build: window.keepsakeBuild});"
            + "const memory = keepsake.memoryBackend();"
            + "await memory.save('a', new Uint8Array([1, 2]));"
            + "out.push(Array.from(await memory.load('a')).join(','));"
            + "const chosen = await keepsake.openDefaultBackend('api-kv-default');"
            + "out.push(chosen.kind + ':' + Array.isArray(chosen.fallbacks) + ':' + ('rejected' in chosen));"
            + "return out.join(' ');";

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
            + "window.machine = keepsake.createMachine(description, {name: 'api-machine', key: 'checkout', "
            + "debounceMs: 0});"
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
            + "const out = [];"
            + "const t = (p, label) => Promise.race([p, new Promise(r => setTimeout(() => r('timeout:' + label), "
            + "4000))]);"
            + "const describe = e => e.name + ':' + e.code + (e instanceof TypeError === (e.name === 'TypeError') ? "
            + "'' : ':wrong class');"
            + "try { keepsake.openStore({backend: 'floppy'}); out.push('no throw'); "
            + "} catch (e) { out.push(describe(e)); }"
            + "try { keepsake.openStore({debounceMs: 'soon'}); out.push('no throw'); "
            + "} catch (e) { out.push(describe(e)); }"
            + "try { keepsake.createMachine({initial: 'a', states: {b: {}}}); out.push('no throw'); "
            + "} catch (e) { out.push(describe(e)); }"
            + "try { keepsake.indexedDbBackend({version: 1.5}); out.push('no throw'); "
            + "} catch (e) { out.push(describe(e)); }"
            + "try { keepsake.localStorageBackend('a:b'); out.push('no throw'); } catch (e) { out.push(describe(e)); }"
            + "const store = keepsake.openStore({name: 'api-errors', backend: 'memory', initial: 1});"
            + "try { store.set(undefined); out.push('no throw'); } catch (e) { out.push(describe(e)); }"
            + "try { store.update(value => { throw new RangeError('mine'); }); out.push('no throw'); }"
            + " catch (e) { out.push(e instanceof RangeError ? 'RangeError:' + e.message : 'other:' + e); }"
            + "out.push(store.get());"
            + "const reported = [];"
            + "const kv = keepsake.openKeyValue({name: 'apierrors', backend: 'localstorage', debounceMs: 0,"
            + "  onError: e => reported.push(e.code)});"
            + "try { await t(kv.get(''), 'get'); out.push('resolved'); } catch (e) { out.push(describe(e)); }"
            + "try { out.push(await t(kv.set('fn', () => 1), 'fn')); } catch (e) { out.push(describe(e)); }"
            + "await t(kv.set('small', 'kept'), 'small');"
            + "try { out.push(await t(kv.set('huge', 'x'.repeat(6 * 1024 * 1024)), 'huge')); }"
            + " catch (e) { out.push(e.name + ':' + e.code + ':' + (String(e.key).indexOf('huge') >= 0) + ':' + "
            + "e.backend + ':' + (e instanceof Error)); }"
            + "out.push(reported.join(','));"
            + "out.push(await t(kv.get('small'), 'getsmall'));"
            + "await t(kv.clear(), 'clear');"
            + "try { await keepsake.memoryBackend().load('missing'); out.push('resolved'); "
            + "} catch (e) { out.push(describe(e)); }"
            + "await store.close();"
            + "try { store.set(2); out.push('no throw'); } catch (e) { out.push(describe(e) + ':' + (e instanceof "
            + "Error)); }"
            + "return out.join(' ');";

    private static final String ALGORITHMS = ""
            + "const notes = Array.from({length: 200}, (_, i) => ({id: i, text: 'remember the milk ' + (i % 7), "
            + "done: false}));"
            + "const sizes = {};"
            + "for (const [label, extra] of [['plain', {}], ['gzip', {compression: 'gzip'}], ['lz4', "
            + "{compression: 'lz4'}],"
            + "    ['aes', {encryption: {key: new Uint8Array(32).fill(7)}}],"
            + "    ['chacha', {encryption: {key: new Uint8Array(32).fill(7), algorithm: 'chacha20-poly1305'}}],"
            + "    ['gzip+pass', {compression: 'gzip', encryption: {passphrase: 'correct horse', "
            + "iterations: 100000}}]]) {"
            + "  const kv = keepsake.openKeyValue(Object.assign({name: 'api-algo-' + label.replace('+', '-'), "
            + "debounceMs: 0}, extra));"
            + "  await kv.set('notes', notes);"
            + "  sizes[label] = (await kv.info()).usedBytes;"
            + "  const back = await keepsake.openKeyValue(Object.assign({name: 'api-algo-' + label.replace('+', "
            + "'-')}, extra)).get('notes');"
            + "  if (JSON.stringify(back) !== JSON.stringify(notes)) return label + ' did not round-trip';"
            + "}"
            + "const wrong = keepsake.openKeyValue({name: 'api-algo-gzip-pass', encryption: {passphrase: 'wrong "
            + "horse', iterations: 100000}});"
            + "let code = 'read';"
            + "try { await wrong.get('notes'); } catch (e) {"
            + "  code = e.code === 'CORRUPTED_DATA' ? 'refused' : e.code + ':' + e.message; }"
            + "const switched = [];"
            + "for (const [label, compression] of [['gzip', 'none'], ['gzip', 'lz4'], ['lz4', 'gzip']]) {"
            + "  const back = await keepsake.openKeyValue({name: 'api-algo-' + label, compression}).get('notes');"
            + "  switched.push(JSON.stringify(back) === JSON.stringify(notes));"
            + "}"
            + "return [sizes.gzip < sizes.plain / 4, sizes.lz4 < sizes.plain / 2, sizes.aes > sizes.plain,"
            + "  sizes.chacha === sizes.aes, sizes['gzip+pass'] < sizes.plain / 4, code, switched.join(',')]"
            + ".join(' ');";

    private static final String SYNC_OPEN = ""
            + "window.synced = keepsake.openStore({name: 'api-sync', key: 'shared', initial: {text: ''}, "
            + "debounceMs: 0});"
            + "window.heard = [];"
            + "synced.subscribe(value => heard.push(value.text));"
            + "await synced.ready;"
            + "return synced.backend;";

    private static final String FROZEN = ""
            + "const store = keepsake.openStore({name: 'api-frozen', backend: 'memory', "
            + "initial: {notes: [{text: 'a'}]}});"
            + "await store.ready;"
            + "const first = store.get(), heard = [];"
            + "store.subscribe(value => heard.push(value));"
            + "const out = [first === store.get(), Object.isFrozen(first), Object.isFrozen(first.notes),"
            + "  Object.isFrozen(first.notes[0])];"
            + "store.set({notes: [{text: 'a'}]});"
            + "out.push(store.get() === first);"
            + "store.update(value => ({notes: value.notes.concat({text: 'b'})}));"
            + "const second = store.get();"
            + "out.push(second !== first, second === store.get(), heard[heard.length - 1] === second, "
            + "second.notes.length);"
            + "const { get, set, subscribe } = store;"
            + "set({notes: []});"
            + "out.push(get() === store.get(), get().notes.length, typeof subscribe(() => {}));"
            + "const machine = keepsake.createMachine({initial: 'a', context: {n: 0},"
            + "  states: {a: {on: {GO: {target: 'a', update: c => ({n: c.n + 1})}}}}}, {name: 'api-frozen', "
            + "backend: 'memory'});"
            + "await machine.ready;"
            + "const context = machine.context, send = machine.send;"
            + "out.push(context === machine.context, Object.isFrozen(context), send('GO'), machine.context !== context,"
            + "  machine.context.n);"
            + "return out.join(' ');";

    private static final String KV_MANY = ""
            + "const flushes = [], out = [];"
            + "const kv = keepsake.openKeyValue({name: 'api-many', debounceMs: 0, onFlush: r => "
            + "flushes.push(r.entries)});"
            + "await kv.setMany([['a', 1], ['b', {x: 2}], ['c', new Uint8Array([3])]]);"
            + "const got = await kv.getMany(['a', 'b', 'c']);"
            + "out.push(got[0], JSON.stringify(got[1]), got[2] instanceof Uint8Array, flushes.join(','));"
            + "const refused = [];"
            + "for (const bad of ['a', [['a']], [[1, 2]], [['ok', 1], ['fn', () => 1]]]) {"
            + "  try { await kv.setMany(bad); refused.push('resolved'); } catch (e) { refused.push(e.code); } }"
            + "out.push(refused.join(','), String(await kv.get('ok')));"
            + "await kv.delMany(['a', 'c', 'missing']);"
            + "out.push((await kv.keys()).sort().join(','));"
            + "await Promise.all(Array.from({length: 20}, () => kv.update('counter', n => (n || 0) + 1)));"
            + "out.push(await kv.get('counter'));"
            + "try { await kv.update('counter', () => undefined); out.push('resolved'); "
            + "} catch (e) { out.push(e.name + ':' + e.code); }"
            + "try { await kv.update('counter', () => { throw new RangeError('mine'); }); out.push('resolved'); }"
            + " catch (e) { out.push(e instanceof RangeError); }"
            + "out.push(await kv.update('counter', n => n + 1) === undefined, await kv.get('counter'));"
            + "await kv.clear();"
            + "return out.join(' ');";

    private static final String APART = ""
            + "const out = [];"
            + "for (const backend of ['indexeddb', 'localstorage']) {"
            + "  const options = {name: 'api-apart', backend, initial: {v: 'store'}, debounceMs: 0};"
            + "  const store = keepsake.openStore(options);"
            + "  await store.ready; store.set({v: 'mine'}); await store.flush();"
            + "  const kv = keepsake.openKeyValue({name: 'api-apart', backend, debounceMs: 0});"
            + "  out.push(String(await kv.get('state')), (await kv.keys()).length);"
            + "  await kv.set('state', {v: 'kv'});"
            + "  out.push(JSON.stringify(await store.reload()));"
            + "  await kv.clear();"
            + "  const reopened = keepsake.openStore(options); await reopened.ready;"
            + "  out.push(JSON.stringify(reopened.get()));"
            + "}"
            + "return out.join(' ');";

    private static final String BACKEND_OBJECTS = ""
            + "const out = [];"
            + "const memory = keepsake.memoryBackend();"
            + "const kv = keepsake.openKeyValue({backend: memory, debounceMs: 0});"
            + "await kv.set('x', 1);"
            + "out.push((await memory.listKeys()).length, kv.backend, (await kv.info()).backend);"
            + "const local = keepsake.localStorageBackend('api-backend-object');"
            + "const kv2 = keepsake.openKeyValue({backend: local, debounceMs: 0});"
            + "await kv2.set('y', 2);"
            + "out.push(kv2.backend, Object.keys(localStorage).some(k => k.startsWith('api-backend-object:')));"
            + "const chosen = await keepsake.openDefaultBackend('api-backend-chosen');"
            + "const kv3 = keepsake.openKeyValue({backend: chosen.backend, debounceMs: 0});"
            + "await kv3.set('z', 3);"
            + "out.push(kv3.backend, (await chosen.backend.listKeys()).length);"
            + "try { keepsake.openKeyValue({backend: {save() {}}}); out.push('no throw'); "
            + "} catch (e) { out.push(e.code); }"
            + "if (keepsake.openStore) {"
            + "  const store = keepsake.openStore({backend: memory, key: 'st', initial: 1, debounceMs: 0});"
            + "  await store.ready; store.set(2); await store.flush();"
            + "  out.push((await memory.listKeys()).length, store.backend);"
            + "} else { out.push(2, 'memory'); }"
            + "await kv2.clear(); await kv3.clear();"
            + "return out.join(' ');";

    private static final String PARTIAL = ""
            + "const out = [], memory = keepsake.memoryBackend();"
            + "const options = extra => Object.assign({backend: memory, debounceMs: 0,"
            + "  initial: {text: '', draft: 'none', theme: 'light'}, partialize: s => ({text: s.text, "
            + "theme: s.theme})}, extra);"
            + "const a = keepsake.openStore(options({})); await a.ready;"
            + "a.set({text: 'kept', draft: 'secret', theme: 'dark'}); await a.flush();"
            + "const stored = new TextDecoder().decode(await memory.load((await memory.listKeys())[0]));"
            + "out.push(stored.indexOf('kept') >= 0, stored.indexOf('secret') < 0, JSON.stringify(a.get()));"
            + "const b = keepsake.openStore(options({})); await b.ready;"
            + "out.push(JSON.stringify(b.get()));"
            + "const c = keepsake.openStore(options({merge: (stored, current) => Object.assign({}, current,"
            + "  {text: stored.text.toUpperCase()})})); await c.ready;"
            + "out.push(JSON.stringify(c.get()));"
            + "try { keepsake.openStore({initial: new Uint8Array(1), partialize: x => x}); out.push('no throw'); }"
            + " catch (e) { out.push(e.code); }"
            + "return out.join(' ');";

    private static final String STORED_SALT = ""
            + "const out = [];"
            + "const options = {name: 'api-salt', backend: 'localstorage', debounceMs: 0,"
            + "  encryption: {passphrase: 'correct horse', salt: 'stored', iterations: 100000}};"
            + "const first = keepsake.openKeyValue(options), second = keepsake.openKeyValue(options);"
            + "await first.set('secret', {n: 1});"
            + "out.push(JSON.stringify(await second.get('secret')));"
            + "const raw = keepsake.localStorageBackend('api-salt');"
            + "const salt = await raw.load('\\0keepsake-salt');"
            + "out.push(salt.length, salt.some(b => b !== 0));"
            + "const byName = keepsake.openKeyValue(Object.assign({}, options,"
            + "  {encryption: {passphrase: 'correct horse', iterations: 100000}}));"
            + "try { await byName.get('secret'); out.push('read'); } catch (e) { out.push(e.code); }"
            + "await raw.save('\\0keepsake-salt', new Uint8Array(16).fill(1));"
            + "try { await keepsake.openKeyValue(options).get('secret'); out.push('read'); "
            + "} catch (e) { out.push(e.code); }"
            + "await raw.clear();"
            + "return out.join(' ');";

    private static final String EXPIRY = ""
            + "let clock = 1000000;"
            + "const kv = keepsake.openKeyValue({name: 'api-ttl', debounceMs: 0, now: () => clock});"
            + "await kv.set('short', 'a', {ttl: 100});"
            + "await kv.set('until', 'b', {expiresAt: 1000500});"
            + "await kv.set('kept', 'c');"
            + "const out = [await kv.get('short'), await kv.get('until'), await kv.get('kept')];"
            + "clock += 100;"
            + "out.push(String(await kv.get('short')), await kv.get('until'));"
            + "await kv.flush();"
            + "out.push((await kv.keys()).sort().join(','));"
            + "clock = 1000500;"
            + "out.push(String((await kv.getMany(['until', 'kept']))[0]));"
            + "await kv.set('counter', 1, {ttl: 50});"
            + "await kv.update('counter', n => n + 1);"
            + "out.push(await kv.get('counter'));"
            + "clock += 50;"
            + "out.push(String(await kv.get('counter')));"
            + "await kv.set('stored', 'd', {ttl: 10}); await kv.flush();"
            + "out.push(await keepsake.openKeyValue({name: 'api-ttl', now: () => clock + 9}).get('stored'));"
            + "out.push(String(await keepsake.openKeyValue({name: 'api-ttl', now: () => clock + 10}).get('stored')));"
            + "const refused = [];"
            + "for (const bad of [{ttl: 0}, {ttl: -1}, {ttl: 1.5}, {ttl: 1, expiresAt: 5}, {expiresAt: 'soon'}]) {"
            + "  try { await kv.set('x', 1, bad); refused.push('resolved'); } catch (e) { refused.push(e.code); } }"
            + "out.push(refused.join(','));"
            + "await kv.clear();"
            + "return out.join(' ');";

    private static final String NO_OPTIONS = ""
            + "const out = [];"
            + "if (keepsake.openStore) {"
            + "  const store = keepsake.openStore(); await store.ready; out.push(JSON.stringify(store.get()));"
            + "  const machine = keepsake.createMachine({initial: 'a', states: {a: {}}}); await machine.ready;"
            + "  out.push(machine.state);"
            + "} else { out.push('null', 'a'); }"
            + "const kv = keepsake.openKeyValue(); await kv.ready;"
            + "await kv.set('k', 1); out.push(kv.backend, await kv.get('k'));"
            + "out.push(keepsake.indexedDbBackend().name());"
            + "await kv.clear();"
            + "return out.join(' ');";

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
                + "|{\"a\":[1,\"two\",null],\"b\":true},undefined,0:1:255,3"
                + "|INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT",
                browser.run(KV_WRITE));
        restart(page);
        assertEquals("{\"a\":[1,\"two\",null],\"b\":true}|0,1,255|0|0|undefined", browser.run(KV_READ));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void batchSizeAndCacheSizeAreOptions(String page) {
        open(page);
        // The default maxBatchSize (10,000) writes a flush of 2500 keys as one batch.
        assertEquals("250 250 100 250 2500 INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,"
                + "INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT 16 7", browser.run(KV_BATCHES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void cacheSizeDecidesWhetherReadsComeFromTheCache(String page) {
        open(page);
        assertEquals("first first first first second first second", browser.run(KV_CACHE));
    }

    @Test
    void theKeyValueBuildHasBackendsAndKeyValueOnlyAndSharesDataWithTheFullBuild() {
        open("/pages/kv.html");
        assertEquals("undefined,undefined,function,function,function,function,function"
                + " true:INVALID_ARGUMENT:true true:INVALID_ARGUMENT:true true:INVALID_ARGUMENT:true 1,2 "
                + "indexeddb:true:false",
                browser.run(KV_BUILD));
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
        String report = String.valueOf(browser.run(ERRORS));
        assertEquals("TypeError:INVALID_ARGUMENT TypeError:INVALID_ARGUMENT TypeError:INVALID_ARGUMENT"
                + " TypeError:INVALID_ARGUMENT TypeError:INVALID_ARGUMENT"
                + " TypeError:INVALID_ARGUMENT RangeError:mine 1 TypeError:INVALID_ARGUMENT TypeError:INVALID_ARGUMENT"
                + " KeepsakeError:QUOTA_EXCEEDED:true:localStorage(apierrors):true QUOTA_EXCEEDED kept"
                + " KeepsakeError:NOT_FOUND KeepsakeError:INVALID_STATE:true", report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void compressionAndEncryptionChangeTheStoredBytesNotTheValues(String page) {
        open(page);
        assertEquals("true true true true true refused true,true,true", browser.run(ALGORITHMS));
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

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void storeGetReturnsTheSameFrozenObjectUntilTheValueChanges(String page) {
        open(page);
        assertEquals("true true true true true true true true 2 true 0 function true true true true 1",
                browser.run(FROZEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void keyValueHasSetManyDelManyAndUpdate(String page) {
        open(page);
        assertEquals("1 {\"x\":2} true 3 INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT undefined"
                + " b 20 TypeError:INVALID_ARGUMENT true true 21", browser.run(KV_MANY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void aStoreAndAKeyValueLayerWithTheSameNameNeverShareKeys(String page) {
        open(page);
        assertEquals("undefined 0 {\"v\":\"mine\"} {\"v\":\"mine\"} undefined 0 {\"v\":\"mine\"} {\"v\":\"mine\"}",
                browser.run(APART));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void aBackendObjectIsAcceptedWhereverABackendIsNamed(String page) {
        open(page);
        assertEquals("1 memory memory localstorage true indexeddb 1 INVALID_ARGUMENT 2 memory",
                browser.run(BACKEND_OBJECTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void storesPersistWhatPartializePicksAndMergeItBack(String page) {
        open(page);
        assertEquals("true true {\"text\":\"kept\",\"draft\":\"secret\",\"theme\":\"dark\"}"
                + " {\"text\":\"kept\",\"draft\":\"none\",\"theme\":\"dark\"}"
                + " {\"text\":\"KEPT\",\"draft\":\"none\",\"theme\":\"light\"} INVALID_ARGUMENT",
                browser.run(PARTIAL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void aStoredRandomSaltIsMadeOnceAndUsedByEveryLayer(String page) {
        open(page);
        assertEquals("{\"n\":1} 16 true CORRUPTED_DATA CORRUPTED_DATA", browser.run(STORED_SALT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void anExpiredEntryIsNotReadAndIsSweptWhenRead(String page) {
        open(page);
        assertEquals("a b c undefined b kept,until undefined 2 undefined d undefined"
                + " INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT",
                browser.run(EXPIRY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void everyOptionsObjectMayBeLeftOut(String page) {
        open(page);
        assertEquals("null a indexeddb 1 indexedDB(keepsake/values)", browser.run(NO_OPTIONS));
    }

    private void open(String page) {
        browser.open(page);
    }

    private void restart(String page) {
        browser.restart();
        open(page);
    }
}
