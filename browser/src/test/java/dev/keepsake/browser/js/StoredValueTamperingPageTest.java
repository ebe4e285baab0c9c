package dev.keepsake.browser.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.browser.page.BrowserSession;
import dev.keepsake.core.format.Envelope;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values written under a page's keys by someone other than the page (a forged, unencrypted
 * envelope; an envelope whose JSON text does not parse), read through the exported API in real
 * Chromium: each is refused with {@code CORRUPTED_DATA}, and an explicit
 * {@code readUnencrypted} lets a page migrate old unencrypted data to encryption.
 */
class StoredValueTamperingPageTest {

    private static final String KEY = "new Uint8Array(32).fill(9)";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    /** The envelope a writer without the key can make: valid, checksummed, unencrypted. */
    private static String forged(String storageKey, String json) {
        byte[] sealed = Envelope.create().sealPlain(storageKey, ValueSerializer.FORMAT_ID,
                json.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : sealed) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return "Uint8Array.from('" + hex + "'.match(/../g), h => parseInt(h, 16))";
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void anEncryptedKeyValueLayerRefusesAForgedUnencryptedValueUnlessMigrating(String page) {
        browser.open(page);
        assertEquals("CORRUPTED_DATA {\"old\":true} 1 {\"old\":true,\"sealed\":true}", browser.run(""
                + "const raw = keepsake.localStorageBackend('forge');"
                + "await raw.save('keepsake\\0kv:notes', " + forged("keepsake\0kv:notes", "{\"old\":true}") + ");"
                + "const opts = extra => ({name: 'forge', backend: 'localstorage', debounceMs: 0,"
                + "  encryption: Object.assign({key: " + KEY + "}, extra)});"
                + "let refused;"
                + "try { await keepsake.openKeyValue(opts({})).get('notes'); refused = 'read'; }"
                + " catch (e) { refused = e.code; }"
                + "const migrating = keepsake.openKeyValue(opts({readUnencrypted: true}));"
                + "const old = await migrating.get('notes');"
                + "await migrating.set('notes', Object.assign(old, {sealed: true}));"
                + "const cipherId = (await raw.load('keepsake\\0kv:notes'))[7];"
                + "const after = await keepsake.openKeyValue(opts({})).get('notes');"
                + "return [refused, JSON.stringify({old: true}), cipherId, JSON.stringify(after)].join(' ');"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void anEncryptedStoreReportsAForgedUnencryptedValueAndKeepsItsInitialValue(String page) {
        browser.open(page);
        assertEquals("CORRUPTED_DATA {\"mine\":true}", browser.run(""
                + "await keepsake.localStorageBackend('forge-store').save('keepsake:state', "
                + forged("keepsake:state", "{\"forged\":true}") + ");"
                + "const errors = [];"
                + "const store = keepsake.openStore({name: 'forge-store', backend: 'localstorage',"
                + "  initial: {mine: true}, encryption: {key: " + KEY + "}, onError: e => errors.push(e.code)});"
                + "await store.ready.catch(() => null);"
                + "const code = errors.length ? errors[0] : (store.hydrationError ? store.hydrationError.code : 'none');"
                + "return code + ' ' + JSON.stringify(store.get());"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/kv.html", "/pages/module.html", "/pages/wasm.html"})
    void storedTextThatIsNotJsonIsCorruptedData(String page) {
        browser.open(page);
        assertEquals("CORRUPTED_DATA", browser.run(""
                + "await keepsake.localStorageBackend('bad-json').save('keepsake\\0kv:bad', "
                + forged("keepsake\0kv:bad", "{not json") + ");"
                + "try { await keepsake.openKeyValue({name: 'bad-json', backend: 'localstorage'}).get('bad');"
                + "  return 'read'; } catch (e) { return e.code; }"));
    }
}
