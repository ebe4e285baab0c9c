package dev.keepsake.browser.js;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.browser.page.BrowserSession;
import java.util.HashMap;
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
            + "const store = keepsake.openStore({name: 'api-store', key: 'notes', initial: {notes: []}, "
            + "debounceMs: 10});"
            + "const bytes = keepsake.openStore({name: 'api-store', key: 'bytes', initial: new Uint8Array(0)});"
            + "const seen = [];"
            + "const stop = store.subscribe(value => seen.push(value.notes.length));"
            + "if (!(await store.ready === store)) return 'ready did not resolve with the store';"
            + "await bytes.ready;"
            + "const hydration = store.hydration, before = JSON.stringify(store.get());"
            + "store.set({notes: ['a']});"
            + "store.update(value => ({notes: value.notes.concat('b')}));"
            + "stop();"
            + "store.set({notes: ['a', 'b', 'c']});"
            + "bytes.set(new Uint8Array([1, 2, 255]));"
            + "await store.flush(); await bytes.flush();"
            + "return {'hydration after ready': hydration, 'value after ready': before,"
            + "  'note counts heard while subscribed': seen.join(','), 'backend': store.backend, 'key': store.key};";

    private static final String STORE_READ = ""
            + "const store = keepsake.openStore({name: 'api-store', key: 'notes', initial: {notes: []}});"
            + "const bytes = keepsake.openStore({name: 'api-store', key: 'bytes', initial: new Uint8Array(0)});"
            + "const early = store.hydration;"
            + "await store.ready; await bytes.ready;"
            + "try { store.get().notes.push('mutated outside'); } catch (e) { /* frozen */ }"
            + "return {'hydration when opened': early, 'hydration after ready': store.hydration,"
            + "  'value (unchanged by a push outside)': JSON.stringify(store.get()),"
            + "  'bytes': Array.from(bytes.get()).join(',')};";

    private static final Map<String, Object> STORE_EXPECTED = Map.of("hydration when opened", "hydrating",
            "hydration after ready", "ready", "value (unchanged by a push outside)", "{\"notes\":[\"a\",\"b\",\"c\"]}",
            "bytes", "1,2,255");

    private static final String MIGRATE = ""
            + "const v1 = keepsake.openStore({name: 'api-migrate', initial: {title: ''}, debounceMs: 0});"
            + "await v1.ready; v1.set({title: 'Hello'}); await v1.close();"
            + "const v3 = keepsake.openStore({name: 'api-migrate', initial: {name: '', words: 0}, version: 3,"
            + "  migrations: {1: old => ({name: old.title}), 2: old => ({name: old.name, words: old.name.length})}});"
            + "await v3.ready;"
            + "return {'value': JSON.stringify(v3.get()), 'hydration': v3.hydration};";

    private static final String KV_WRITE = ""
            + "const kv = keepsake.openKeyValue({name: 'api-kv', keyPrefix: 'kv', debounceMs: 5});"
            + "if (!(await kv.ready === kv)) return 'ready did not resolve with the layer';"
            + "await Promise.all([kv.set('json', {a: [1, 'two', null], b: true}), "
            + "kv.set('bytes', new Uint8Array([0, 1, 255])),"
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
            + "return {'json': JSON.stringify(json),"
            + "  'bytes': bytes instanceof Uint8Array ? Array.from(bytes).join(',') : 'not bytes',"
            + "  'array of byte values': Array.isArray(array) ? 'array' : 'not array', 'text': text,"
            + "  'missing': String(missing), 'keys': keys, 'keys after delete': after, 'info backend': info.backend,"
            + "  'info entry count at least 3': info.entryCount >= 3, 'info used bytes positive': info.usedBytes > 0,"
            + "  'backend': kv.backend,"
            + "  'getMany': JSON.stringify(many[0]) + ',' + String(many[1]) + ',' + Array.from(many[2]).join(':') + "
            + "',' + many.length,"
            + "  'getMany of a non-array, an array of a number, an empty key': refused.join(',')};";

    private static final String KV_READ = ""
            + "const kv = keepsake.openKeyValue({name: 'api-kv', keyPrefix: 'kv'});"
            + "const other = keepsake.openKeyValue({name: 'api-kv', keyPrefix: 'other'});"
            + "const json = await kv.get('json'), bytes = await kv.get('bytes');"
            + "const otherKeys = (await other.keys()).length;"
            + "await kv.clear();"
            + "return {'json': JSON.stringify(json), 'bytes': Array.from(bytes).join(','),"
            + "  'keys under another prefix': otherKeys, 'keys after clear': (await kv.keys()).length,"
            + "  'json after clear': String(await kv.get('json'))};";

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
            + "return {'largest batch with maxBatchSize 500': Math.max(...wide), 'entries with maxBatchSize 500': "
            + "sum(wide),"
            + "  'largest batch with maxBatchSize 100': Math.max(...narrow), 'entries with maxBatchSize 100': "
            + "sum(narrow),"
            + "  'batches of a 2500-key flush with the default': usual.join(','),"
            + "  'invalid options refused, naming the option': refused.join(','),"
            + "  'valid strategy and backend combinations accepted': accepted.length, 'value read back': await "
            + "big.get('k7')};";

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
            + "out['cached, first write'] = await cached.get('k');"
            + "out['uncached, first write'] = await uncached.get('k');"
            + "out['one-entry cache, first write'] = await one.get('k');"
            + "await writer.set('k', 'second');"
            + "out['cached, second write'] = await cached.get('k');"
            + "out['uncached, second write'] = await uncached.get('k');"
            + "out['one-entry cache, second write'] = await one.get('k');"
            + "await writer.set('j', 'other');"
            + "await one.get('j');"
            + "out['one-entry cache, after reading another key'] = await one.get('k');"
            + "await writer.clear();"
            + "return out;";

    private static final String KV_BUILD = ""
            + "const out = {};"
            + "out['types of the exports'] = ['openStore', 'createMachine', 'openKeyValue', 'openDefaultBackend',"
            + "  'localStorageBackend', 'indexedDbBackend', 'memoryBackend'].map(name => typeof "
            + "keepsake[name]).join(',');"
            + "for (const [label, extra] of [['gzip', {compression: 'gzip'}], ['lz4', {compression: 'lz4'}],"
            + "    ['encryption', {encryption: {key: new Uint8Array(32)}}]]) {"
            + "  try { keepsake.openKeyValue(Object.assign({name: 'api-kv-build'}, extra)); out[label] = 'no throw'; }"
            + "  catch (e) { out[label] = (e instanceof TypeError) + ':' + e.code + ':' + "
            + "(e.message.indexOf('keepsake.js') >= 0); }"
            + "}"
            + "const kv = keepsake.openKeyValue({name: 'api-kv-shared', compression: 'none', debounceMs: 0});"
            + "await kv.set('from-kv', {build: window.keepsakeBuild});"
            + "const memory = keepsake.memoryBackend();"
            + "await memory.save('a', new Uint8Array([1, 2]));"
            + "out['memory backend'] = Array.from(await memory.load('a')).join(',');"
            + "const chosen = await keepsake.openDefaultBackend('api-kv-default');"
            + "out['default backend kind'] = chosen.kind;"
            + "out['default backend has fallbacks'] = Array.isArray(chosen.fallbacks);"
            + "out['default backend has rejected'] = 'rejected' in chosen;"
            + "return out;";

    private static final String KV_SHARED_READ = ""
            + "const kv = keepsake.openKeyValue({name: 'api-kv-shared'});"
            + "const read = JSON.stringify(await kv.get('from-kv'));"
            + "await keepsake.openKeyValue({name: 'api-kv-shared', compression: 'gzip', debounceMs: 0})"
            + "  .set('gzipped', 'a'.repeat(1000));"
            + "return read;";

    private static final String KV_READS_COMPRESSED = ""
            + "try { await keepsake.openKeyValue({name: 'api-kv-shared'}).get('gzipped'); return {'code': 'read'}; }"
            + "catch (e) { return {'code': e.code, 'message names gzip': e.message.indexOf('gzip') >= 0}; }";

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
            + "return {'NEXT fired with an empty cart': refused, 'can NEXT after ADD': can, "
            + "'NEXT fired after ADD': fired,"
            + "  'state': machine.state, 'context': JSON.stringify(machine.context), "
            + "'transitions heard': log.join(' '),"
            + "  'states': machine.states.join(',')};";

    private static final String MACHINE_RESUME = MACHINE
            + "const resumed = machine.state, context = JSON.stringify(machine.context);"
            + "machine.send('NEXT');"
            + "await machine.flush();"
            + "return {'resumed state': resumed, 'resumed context': context, 'state after NEXT': machine.state,"
            + "  'can BACK after NEXT': machine.can('BACK')};";

    private static final String MACHINE_FINAL = MACHINE
            + "return {'state': machine.state, 'items': machine.context.items};";

    private static final String ERRORS = ""
            + "const out = {};"
            + "const t = (p, label) => Promise.race([p, new Promise(r => setTimeout(() => r('timeout:' + label), "
            + "4000))]);"
            + "const describe = e => e.name + ':' + e.code + (e instanceof TypeError === (e.name === 'TypeError') ? "
            + "'' : ':wrong class');"
            + "const misuse = (name, call) => { try { call(); out[name] = 'no throw'; "
            + "} catch (e) { out[name] = describe(e); } };"
            + "misuse('openStore with an unknown backend', () => keepsake.openStore({backend: 'floppy'}));"
            + "misuse('openStore with a text debounceMs', () => keepsake.openStore({debounceMs: 'soon'}));"
            + "misuse('createMachine with an unknown initial state', () => keepsake.createMachine({initial: 'a', "
            + "states: {b: {}}}));"
            + "misuse('indexedDbBackend with a fractional version', () => keepsake.indexedDbBackend({version: 1.5}));"
            + "misuse('localStorageBackend with a colon in its name', () => keepsake.localStorageBackend('a:b'));"
            + "const store = keepsake.openStore({name: 'api-errors', backend: 'memory', initial: 1});"
            + "misuse('set(undefined)', () => store.set(undefined));"
            + "try { store.update(value => { throw new RangeError('mine'); }); "
            + "out['update that throws'] = 'no throw'; }"
            + " catch (e) { out['update that throws'] = e instanceof RangeError ? 'RangeError:' + e.message : "
            + "'other:' + e; }"
            + "out['value after the failed calls'] = store.get();"
            + "const reported = [];"
            + "const kv = keepsake.openKeyValue({name: 'apierrors', backend: 'localstorage', debounceMs: 0,"
            + "  onError: e => reported.push(e.code)});"
            + "try { await t(kv.get(''), 'get'); out['get of an empty key'] = 'resolved'; }"
            + " catch (e) { out['get of an empty key'] = describe(e); }"
            + "try { out['set of a function'] = String(await t(kv.set('fn', () => 1), 'fn')); }"
            + " catch (e) { out['set of a function'] = describe(e); }"
            + "await t(kv.set('small', 'kept'), 'small');"
            + "try { out['set over the quota'] = String(await t(kv.set('huge', 'x'.repeat(6 * 1024 * 1024)), "
            + "'huge')); }"
            + " catch (e) { out['set over the quota'] = e.name + ':' + e.code + ':' + "
            + "(String(e.key).indexOf('huge') >= 0)"
            + "  + ':' + e.backend + ':' + (e instanceof Error); }"
            + "out['codes given to onError'] = reported.join(',');"
            + "out['value set before the refused one'] = await t(kv.get('small'), 'getsmall');"
            + "await t(kv.clear(), 'clear');"
            + "try { await keepsake.memoryBackend().load('missing'); out['load of a missing key'] = 'resolved'; }"
            + " catch (e) { out['load of a missing key'] = describe(e); }"
            + "await store.close();"
            + "try { store.set(2); out['set after close'] = 'no throw'; }"
            + " catch (e) { out['set after close'] = describe(e) + ':' + (e instanceof Error); }"
            + "return out;";

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
            + "return {'gzip under a quarter of plain': sizes.gzip < sizes.plain / 4,"
            + "  'lz4 under half of plain': sizes.lz4 < sizes.plain / 2, 'AES-GCM larger than plain': sizes.aes > "
            + "sizes.plain,"
            + "  'ChaCha20-Poly1305 as large as AES-GCM': sizes.chacha === sizes.aes,"
            + "  'gzip with a passphrase under a quarter of plain': sizes['gzip+pass'] < sizes.plain / 4,"
            + "  'read with the wrong passphrase': code,"
            + "  'read back after switching compression': switched.join(',')};";

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
            + "const out = {'get twice gives one object': first === store.get(), 'value frozen': "
            + "Object.isFrozen(first),"
            + "  'nested array frozen': Object.isFrozen(first.notes), 'nested object frozen': "
            + "Object.isFrozen(first.notes[0])};"
            + "store.set({notes: [{text: 'a'}]});"
            + "out['an equal value keeps the object'] = store.get() === first;"
            + "store.update(value => ({notes: value.notes.concat({text: 'b'})}));"
            + "const second = store.get();"
            + "out['a changed value is a new object'] = second !== first;"
            + "out['the new object is stable'] = second === store.get();"
            + "out['subscribers get the same object'] = heard[heard.length - 1] === second;"
            + "out['notes after update'] = second.notes.length;"
            + "const { get, set, subscribe } = store;"
            + "set({notes: []});"
            + "out['unbound get gives the same object'] = get() === store.get();"
            + "out['notes after unbound set'] = get().notes.length;"
            + "out['unbound subscribe returns'] = typeof subscribe(() => {});"
            + "const machine = keepsake.createMachine({initial: 'a', context: {n: 0},"
            + "  states: {a: {on: {GO: {target: 'a', update: c => ({n: c.n + 1})}}}}}, {name: 'api-frozen', "
            + "backend: 'memory'});"
            + "await machine.ready;"
            + "const context = machine.context, send = machine.send;"
            + "out['machine context twice gives one object'] = context === machine.context;"
            + "out['machine context frozen'] = Object.isFrozen(context);"
            + "out['unbound send fires'] = send('GO');"
            + "out['a changed context is a new object'] = machine.context !== context;"
            + "out['context after GO'] = machine.context.n;"
            + "return out;";

    private static final String KV_MANY = ""
            + "const flushes = [], out = {};"
            + "const kv = keepsake.openKeyValue({name: 'api-many', debounceMs: 0, onFlush: r => "
            + "flushes.push(r.entries)});"
            + "await kv.setMany([['a', 1], ['b', {x: 2}], ['c', new Uint8Array([3])]]);"
            + "const got = await kv.getMany(['a', 'b', 'c']);"
            + "out['number'] = got[0]; out['object'] = JSON.stringify(got[1]); "
            + "out['bytes'] = got[2] instanceof Uint8Array;"
            + "out['entries per flush'] = flushes.join(',');"
            + "await kv.setMany([['d', 1], ['d', 2]]);"
            + "const other = keepsake.openKeyValue({name: 'api-many'});"
            + "out['durable when setMany resolves, the last value of a key given twice'] = "
            + "JSON.stringify(await other.getMany(['a', 'b', 'd']));"
            + "await other.close(); await kv.delete('d');"
            + "const refused = [];"
            + "for (const bad of ['a', [['a']], [[1, 2]], [['ok', 1], ['fn', () => 1]]]) {"
            + "  try { await kv.setMany(bad); refused.push('resolved'); } catch (e) { refused.push(e.code); } }"
            + "out['setMany of a string, a short pair, a number key, a function value'] = refused.join(',');"
            + "out['a refused batch writes none of its pairs'] = String(await kv.get('ok'));"
            + "await kv.delMany(['a', 'c', 'missing']);"
            + "out['keys after delMany'] = (await kv.keys()).sort().join(',');"
            + "await Promise.all(Array.from({length: 20}, () => kv.update('counter', n => (n || 0) + 1)));"
            + "out['20 concurrent updates'] = await kv.get('counter');"
            + "try { await kv.update('counter', () => undefined); out['update to undefined'] = 'resolved'; }"
            + " catch (e) { out['update to undefined'] = e.name + ':' + e.code; }"
            + "try { await kv.update('counter', () => { throw new RangeError('mine'); }); "
            + "out['update that throws'] = 'resolved'; }"
            + " catch (e) { out['update that throws'] = e instanceof RangeError; }"
            + "out['update resolves to undefined'] = await kv.update('counter', n => n + 1) === undefined;"
            + "out['counter after the failed updates and one more'] = await kv.get('counter');"
            + "await kv.clear();"
            + "return out;";

    private static final String APART = ""
            + "const out = {};"
            + "for (const backend of ['indexeddb', 'localstorage']) {"
            + "  const options = {name: 'api-apart', backend, initial: {v: 'store'}, debounceMs: 0};"
            + "  const store = keepsake.openStore(options);"
            + "  await store.ready; store.set({v: 'mine'}); await store.flush();"
            + "  const kv = keepsake.openKeyValue({name: 'api-apart', backend, debounceMs: 0});"
            + "  out[backend + ': the store key in the layer'] = String(await kv.get('state'));"
            + "  out[backend + ': keys in the layer'] = (await kv.keys()).length;"
            + "  await kv.set('state', {v: 'kv'});"
            + "  out[backend + ': store reloaded after the layer set state'] = JSON.stringify(await store.reload());"
            + "  await kv.clear();"
            + "  const reopened = keepsake.openStore(options); await reopened.ready;"
            + "  out[backend + ': store reopened after the layer cleared'] = JSON.stringify(reopened.get());"
            + "}"
            + "return out;";

    private static final String BACKEND_OBJECTS = ""
            + "const out = {};"
            + "const memory = keepsake.memoryBackend();"
            + "const kv = keepsake.openKeyValue({backend: memory, debounceMs: 0});"
            + "await kv.set('x', 1);"
            + "out['keys in the memory backend'] = (await memory.listKeys()).length;"
            + "out['memory: backend'] = kv.backend; out['memory: info backend'] = (await kv.info()).backend;"
            + "const local = keepsake.localStorageBackend('api-backend-object');"
            + "const kv2 = keepsake.openKeyValue({backend: local, debounceMs: 0});"
            + "await kv2.set('y', 2);"
            + "out['localStorage: backend'] = kv2.backend;"
            + "out['localStorage: written under its name'] = Object.keys(localStorage).some(k => "
            + "k.startsWith('api-backend-object:'));"
            + "const chosen = await keepsake.openDefaultBackend('api-backend-chosen');"
            + "const kv3 = keepsake.openKeyValue({backend: chosen.backend, debounceMs: 0});"
            + "await kv3.set('z', 3);"
            + "out['default: backend'] = kv3.backend; out['keys in the default backend'] = (await "
            + "chosen.backend.listKeys()).length;"
            + "try { keepsake.openKeyValue({backend: {save() {}}}); "
            + "out['an object that is not a backend'] = 'no throw'; }"
            + " catch (e) { out['an object that is not a backend'] = e.code; }"
            + "if (keepsake.openStore) {"
            + "  const store = keepsake.openStore({backend: memory, key: 'st', initial: 1, debounceMs: 0});"
            + "  await store.ready; store.set(2); await store.flush();"
            + "  out['keys in the memory backend with a store'] = (await memory.listKeys()).length;"
            + "  out['store: backend'] = store.backend;"
            + "} else { out['keys in the memory backend with a store'] = 2; out['store: backend'] = 'memory'; }"
            + "await kv2.clear(); await kv3.clear();"
            + "return out;";

    private static final String PARTIAL = ""
            + "const out = {}, memory = keepsake.memoryBackend();"
            + "const options = extra => Object.assign({backend: memory, debounceMs: 0,"
            + "  initial: {text: '', draft: 'none', theme: 'light'}, partialize: s => ({text: s.text, "
            + "theme: s.theme})}, extra);"
            + "const a = keepsake.openStore(options({})); await a.ready;"
            + "a.set({text: 'kept', draft: 'secret', theme: 'dark'}); await a.flush();"
            + "const stored = new TextDecoder().decode(await memory.load((await memory.listKeys())[0]));"
            + "out['picked field stored'] = stored.indexOf('kept') >= 0; "
            + "out['left-out field not stored'] = stored.indexOf('secret') < 0;"
            + "out['value kept in memory whole'] = JSON.stringify(a.get());"
            + "const b = keepsake.openStore(options({})); await b.ready;"
            + "out['reopened'] = JSON.stringify(b.get());"
            + "const c = keepsake.openStore(options({merge: (stored, current) => Object.assign({}, current,"
            + "  {text: stored.text.toUpperCase()})})); await c.ready;"
            + "out['reopened with merge'] = JSON.stringify(c.get());"
            + "try { keepsake.openStore({initial: new Uint8Array(1), partialize: x => x}); "
            + "out['partialize on bytes'] = 'no throw'; }"
            + " catch (e) { out['partialize on bytes'] = e.code; }"
            + "return out;";

    private static final String STORED_SALT = ""
            + "const out = {};"
            + "const options = {name: 'api-salt', backend: 'localstorage', debounceMs: 0,"
            + "  encryption: {passphrase: 'correct horse', salt: 'stored', iterations: 100000}};"
            + "const first = keepsake.openKeyValue(options), second = keepsake.openKeyValue(options);"
            + "await first.set('secret', {n: 1});"
            + "out['read by a second layer'] = JSON.stringify(await second.get('secret'));"
            + "const raw = keepsake.localStorageBackend('api-salt');"
            + "const salt = await raw.load('\\0keepsake-salt');"
            + "out['stored salt length'] = salt.length; out['stored salt not zero'] = salt.some(b => b !== 0);"
            + "const byName = keepsake.openKeyValue(Object.assign({}, options,"
            + "  {encryption: {passphrase: 'correct horse', iterations: 100000}}));"
            + "try { await byName.get('secret'); out['read with the salt from the name'] = 'read'; }"
            + " catch (e) { out['read with the salt from the name'] = e.code; }"
            + "await raw.save('\\0keepsake-salt', new Uint8Array(16).fill(1));"
            + "try { await keepsake.openKeyValue(options).get('secret'); "
            + "out['read after the stored salt changed'] = 'read'; }"
            + " catch (e) { out['read after the stored salt changed'] = e.code; }"
            + "await raw.clear();"
            + "return out;";

    private static final String EXPIRY = ""
            + "let clock = 1000000;"
            + "const kv = keepsake.openKeyValue({name: 'api-ttl', debounceMs: 0, now: () => clock});"
            + "await kv.set('short', 'a', {ttl: 100});"
            + "await kv.set('until', 'b', {expiresAt: 1000500});"
            + "await kv.set('kept', 'c');"
            + "const out = {'ttl, before expiry': await kv.get('short'), 'expiresAt, before expiry': await "
            + "kv.get('until'),"
            + "  'no expiry': await kv.get('kept')};"
            + "clock += 100;"
            + "out['ttl, at expiry'] = String(await kv.get('short'));"
            + "out['expiresAt, before its time'] = await kv.get('until');"
            + "await kv.flush();"
            + "out['keys after the expired read'] = (await kv.keys()).sort().join(',');"
            + "clock = 1000500;"
            + "out['expiresAt, at its time, through getMany'] = String((await kv.getMany(['until', 'kept']))[0]);"
            + "await kv.set('counter', 1, {ttl: 50});"
            + "await kv.update('counter', n => n + 1);"
            + "out['update keeps the value'] = await kv.get('counter');"
            + "clock += 50;"
            + "out['update keeps the expiry'] = String(await kv.get('counter'));"
            + "await kv.set('stored', 'd', {ttl: 10}); await kv.flush();"
            + "out['stored expiry, read by another layer before it'] ="
            + "  await keepsake.openKeyValue({name: 'api-ttl', now: () => clock + 9}).get('stored');"
            + "out['stored expiry, read by another layer at it'] ="
            + "  String(await keepsake.openKeyValue({name: 'api-ttl', now: () => clock + 10}).get('stored'));"
            + "const refused = [];"
            + "for (const bad of [{ttl: 0}, {ttl: -1}, {ttl: 1.5}, {ttl: 1, expiresAt: 5}, {expiresAt: 'soon'}]) {"
            + "  try { await kv.set('x', 1, bad); refused.push('resolved'); } catch (e) { refused.push(e.code); } }"
            + "out['invalid ttl and expiresAt'] = refused.join(',');"
            + "await kv.clear();"
            + "return out;";

    private static final String NO_OPTIONS = ""
            + "const out = {};"
            + "if (keepsake.openStore) {"
            + "  const store = keepsake.openStore(); await store.ready; "
            + "out['store value'] = JSON.stringify(store.get());"
            + "  const machine = keepsake.createMachine({initial: 'a', states: {a: {}}}); await machine.ready;"
            + "  out['machine state'] = machine.state;"
            + "} else { out['store value'] = 'null'; out['machine state'] = 'a'; }"
            + "const kv = keepsake.openKeyValue(); await kv.ready;"
            + "await kv.set('k', 1); out['key-value backend'] = kv.backend; out['key-value read'] = await kv.get('k');"
            + "out['IndexedDB backend name'] = keepsake.indexedDbBackend().name();"
            + "await kv.clear();"
            + "return out;";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void storeValuesSurviveReloadAndRestart(String page) {
        open(page);
        browser.assertChecks(Map.of("hydration after ready", "ready", "value after ready", "{\"notes\":[]}",
                "note counts heard while subscribed", "1,2", "backend", "indexeddb", "key", "notes"), STORE_WRITE);
        open(page); // after a reload
        browser.assertChecks(STORE_EXPECTED, STORE_READ);
        restart(page);
        browser.assertChecks(STORE_EXPECTED, STORE_READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void storesMigrateOldValuesStepByStep(String page) {
        open(page);
        browser.assertChecks(Map.of("value", "{\"name\":\"Hello\",\"words\":5}", "hydration", "ready"), MIGRATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void keyValueGivesBackWhatWasSet(String page) {
        open(page);
        browser.assertChecks(
                Map.ofEntries(entry("json", "{\"a\":[1,\"two\",null],\"b\":true}"), entry("bytes", "0,1,255"),
                entry("array of byte values", "array"), entry("text", "hello"), entry("missing", "undefined"),
                entry("keys", "bytes,bytes-like-json,json,text"),
                entry("keys after delete", "bytes,bytes-like-json,json"),
                entry("info backend", "indexeddb"), entry("info entry count at least 3", true),
                entry("info used bytes positive", true), entry("backend", "indexeddb"),
                entry("getMany", "{\"a\":[1,\"two\",null],\"b\":true},undefined,0:1:255,3"),
                entry("getMany of a non-array, an array of a number, an empty key",
                        "INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT")), KV_WRITE);
        restart(page);
        browser.assertChecks(Map.of("json", "{\"a\":[1,\"two\",null],\"b\":true}", "bytes", "0,1,255",
                "keys under another prefix", 0, "keys after clear", 0, "json after clear", "undefined"), KV_READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void batchSizeAndCacheSizeAreOptions(String page) {
        open(page);
        // The default maxBatchSize (10,000) writes a flush of 2500 keys as one batch.
        browser.assertChecks(Map.of("largest batch with maxBatchSize 500", 250, "entries with maxBatchSize 500", 250,
                "largest batch with maxBatchSize 100", 100, "entries with maxBatchSize 100", 250,
                "batches of a 2500-key flush with the default", 2500,
                "invalid options refused, naming the option", "INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,"
                        + "INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT",
                "valid strategy and backend combinations accepted", 16, "value read back", 7), KV_BATCHES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void cacheSizeDecidesWhetherReadsComeFromTheCache(String page) {
        open(page);
        browser.assertChecks(Map.of("cached, first write", "first", "uncached, first write", "first",
                "one-entry cache, first write", "first", "cached, second write", "first",
                "uncached, second write", "second",
                "one-entry cache, second write", "first", "one-entry cache, after reading another key", "second"),
                KV_CACHE);
    }

    @Test
    void theKeyValueBuildHasBackendsAndKeyValueOnlyAndSharesDataWithTheFullBuild() {
        open("/pages/kv.html");
        browser.assertChecks(
                Map.of("types of the exports", "undefined,undefined,function,function,function,function,function",
                "gzip", "true:INVALID_ARGUMENT:true", "lz4", "true:INVALID_ARGUMENT:true",
                "encryption", "true:INVALID_ARGUMENT:true", "memory backend", "1,2", "default backend kind",
                "indexeddb",
                "default backend has fallbacks", true, "default backend has rejected", false), KV_BUILD);
        open("/pages/module.html");
        assertEquals("{\"build\":\"kv\"}", browser.run(KV_SHARED_READ), "read by keepsake.js");
        open("/pages/kv.html");
        // A compressed value is a clear error in the build without compression.
        browser.assertChecks(Map.of("code", "SERIALIZATION_FAILED", "message names gzip", true), KV_READS_COMPRESSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void machineTransitionsArePersisted(String page) {
        open(page);
        browser.assertChecks(Map.of("NEXT fired with an empty cart", false, "can NEXT after ADD", true,
                "NEXT fired after ADD", true, "state", "address", "context", "{\"items\":2}",
                "transitions heard", "cart>cart:2 cart>address:2", "states", "cart,address,paid"), MACHINE_FIRST_RUN);
        open(page); // after a reload
        browser.assertChecks(Map.of("resumed state", "address", "resumed context", "{\"items\":2}",
                "state after NEXT", "paid", "can BACK after NEXT", false), MACHINE_RESUME);
        restart(page);
        browser.assertChecks(Map.of("state", "paid", "items", 2), MACHINE_FINAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void failuresAreTypedErrors(String page) {
        open(page);
        String misuse = "TypeError:INVALID_ARGUMENT";
        browser.assertChecks(Map.ofEntries(entry("openStore with an unknown backend", misuse),
                entry("openStore with a text debounceMs", misuse),
                entry("createMachine with an unknown initial state", misuse),
                entry("indexedDbBackend with a fractional version", misuse),
                entry("localStorageBackend with a colon in its name", misuse), entry("set(undefined)", misuse),
                entry("update that throws", "RangeError:mine"), entry("value after the failed calls", 1),
                entry("get of an empty key", misuse), entry("set of a function", misuse),
                entry("set over the quota", "KeepsakeError:QUOTA_EXCEEDED:true:localStorage(apierrors):true"),
                entry("codes given to onError", "QUOTA_EXCEEDED"), entry("value set before the refused one", "kept"),
                entry("load of a missing key", "KeepsakeError:NOT_FOUND"),
                entry("set after close", "KeepsakeError:INVALID_STATE:true")), ERRORS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void compressionAndEncryptionChangeTheStoredBytesNotTheValues(String page) {
        open(page);
        browser.assertChecks(Map.of("gzip under a quarter of plain", true, "lz4 under half of plain", true,
                "AES-GCM larger than plain", true, "ChaCha20-Poly1305 as large as AES-GCM", true,
                "gzip with a passphrase under a quarter of plain", true, "read with the wrong passphrase", "refused",
                "read back after switching compression", "true,true,true"), ALGORITHMS);
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
        browser.assertChecks(Map.of("value", "from the second tab", "values heard", "from the second tab"), ""
                + "for (let i = 0; i < 100 && synced.get().text === ''; i++) await new Promise(r => setTimeout(r, 50));"
                + "return {'value': synced.get().text, 'values heard': heard.join(',')};");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void storeGetReturnsTheSameFrozenObjectUntilTheValueChanges(String page) {
        open(page);
        browser.assertChecks(Map.ofEntries(entry("get twice gives one object", true), entry("value frozen", true),
                entry("nested array frozen", true), entry("nested object frozen", true),
                entry("an equal value keeps the object", true), entry("a changed value is a new object", true),
                entry("the new object is stable", true), entry("subscribers get the same object", true),
                entry("notes after update", 2), entry("unbound get gives the same object", true),
                entry("notes after unbound set", 0), entry("unbound subscribe returns", "function"),
                entry("machine context twice gives one object", true), entry("machine context frozen", true),
                entry("unbound send fires", true), entry("a changed context is a new object", true),
                entry("context after GO", 1)), FROZEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void keyValueHasSetManyDelManyAndUpdate(String page) {
        open(page);
        browser.assertChecks(Map.ofEntries(entry("number", 1), entry("object", "{\"x\":2}"), entry("bytes", true),
                entry("entries per flush", "3"),
                entry("durable when setMany resolves, the last value of a key given twice", "[1,{\"x\":2},2]"),
                entry("setMany of a string, a short pair, a number key, a function value",
                        "INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT"),
                entry("a refused batch writes none of its pairs", "undefined"), entry("keys after delMany", "b"),
                entry("20 concurrent updates", 20), entry("update to undefined", "TypeError:INVALID_ARGUMENT"),
                entry("update that throws", true), entry("update resolves to undefined", true),
                entry("counter after the failed updates and one more", 21)), KV_MANY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void aStoreAndAKeyValueLayerWithTheSameNameNeverShareKeys(String page) {
        open(page);
        Map<String, Object> expected = new HashMap<>();
        for (String backend : new String[] {"indexeddb", "localstorage"}) {
            expected.put(backend + ": the store key in the layer", "undefined");
            expected.put(backend + ": keys in the layer", 0);
            expected.put(backend + ": store reloaded after the layer set state", "{\"v\":\"mine\"}");
            expected.put(backend + ": store reopened after the layer cleared", "{\"v\":\"mine\"}");
        }
        browser.assertChecks(expected, APART);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void aBackendObjectIsAcceptedWhereverABackendIsNamed(String page) {
        open(page);
        browser.assertChecks(Map.of("keys in the memory backend", 1, "memory: backend", "memory",
                "memory: info backend", "memory", "localStorage: backend", "localstorage",
                "localStorage: written under its name", true, "default: backend", "indexeddb",
                "keys in the default backend", 1, "an object that is not a backend", "INVALID_ARGUMENT",
                "keys in the memory backend with a store", 2, "store: backend", "memory"), BACKEND_OBJECTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void storesPersistWhatPartializePicksAndMergeItBack(String page) {
        open(page);
        browser.assertChecks(Map.of("picked field stored", true, "left-out field not stored", true,
                "value kept in memory whole", "{\"text\":\"kept\",\"draft\":\"secret\",\"theme\":\"dark\"}",
                "reopened", "{\"text\":\"kept\",\"draft\":\"none\",\"theme\":\"dark\"}",
                "reopened with merge", "{\"text\":\"KEPT\",\"draft\":\"none\",\"theme\":\"light\"}",
                "partialize on bytes", "INVALID_ARGUMENT"), PARTIAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void aStoredRandomSaltIsMadeOnceAndUsedByEveryLayer(String page) {
        open(page);
        browser.assertChecks(Map.of("read by a second layer", "{\"n\":1}", "stored salt length", 16,
                "stored salt not zero", true, "read with the salt from the name", "CORRUPTED_DATA",
                "read after the stored salt changed", "CORRUPTED_DATA"), STORED_SALT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void anExpiredEntryIsNotReadAndIsSweptWhenRead(String page) {
        open(page);
        browser.assertChecks(Map.ofEntries(entry("ttl, before expiry", "a"), entry("expiresAt, before expiry", "b"),
                entry("no expiry", "c"), entry("ttl, at expiry", "undefined"), entry("expiresAt, before its time", "b"),
                entry("keys after the expired read", "kept,until"),
                entry("expiresAt, at its time, through getMany", "undefined"), entry("update keeps the value", 2),
                entry("update keeps the expiry", "undefined"),
                entry("stored expiry, read by another layer before it", "d"),
                entry("stored expiry, read by another layer at it", "undefined"),
                entry("invalid ttl and expiresAt",
                        "INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT,INVALID_ARGUMENT")),
                EXPIRY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html", "/pages/kv.html"})
    void everyOptionsObjectMayBeLeftOut(String page) {
        open(page);
        browser.assertChecks(Map.of("store value", "null", "machine state", "a", "key-value backend", "indexeddb",
                "key-value read", 1, "IndexedDB backend name", "indexedDB(keepsake/values)"), NO_OPTIONS);
    }

    private void open(String page) {
        browser.open(page);
    }

    private void restart(String page) {
        browser.restart();
        open(page);
    }
}
