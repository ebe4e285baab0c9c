package dev.keepsake.browser.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.browser.page.BrowserSession;
import dev.keepsake.core.format.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
        browser.assertChecks(Map.of("forged value read without readUnencrypted", "CORRUPTED_DATA",
                "forged value read while migrating", "{\"old\":true}", "cipher id stored after the migration", 1,
                "value read after the migration", "{\"old\":true,\"sealed\":true}"), ""
                + "const raw = keepsake.localStorageBackend('forge');"
                + "await raw.save('keepsake\\0kv:notes', " + forged("keepsake\0kv:notes", "{\"old\":true}") + ");"
                + "const opts = extra => ({name: 'forge', backend: 'localstorage', debounceMs: 0,"
                + "  encryption: Object.assign({key: " + KEY + "}, extra)});"
                + "let refused;"
                + "try { await keepsake.openKeyValue(opts({})).get('notes'); refused = 'read'; }"
                + " catch (e) { refused = e.code; }"
                + "const migrating = keepsake.openKeyValue(opts({readUnencrypted: true}));"
                + "const old = await migrating.get('notes');"
                + "const oldText = JSON.stringify(old);"
                + "await migrating.set('notes', Object.assign(old, {sealed: true}));"
                + "const cipherId = (await raw.load('keepsake\\0kv:notes'))[7];"
                + "const after = await keepsake.openKeyValue(opts({})).get('notes');"
                + "return {'forged value read without readUnencrypted': refused,"
                + "  'forged value read while migrating': oldText, 'cipher id stored after the migration': cipherId,"
                + "  'value read after the migration': JSON.stringify(after)};");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void anEncryptedStoreReportsAForgedUnencryptedValueAndKeepsItsInitialValue(String page) {
        browser.open(page);
        browser.assertChecks(Map.of("error reported", "CORRUPTED_DATA", "value", "{\"mine\":true}"), ""
                + "await keepsake.localStorageBackend('forge-store').save('keepsake:state', "
                + forged("keepsake:state", "{\"forged\":true}") + ");"
                + "const errors = [];"
                + "const store = keepsake.openStore({name: 'forge-store', backend: 'localstorage',"
                + "  initial: {mine: true}, encryption: {key: " + KEY + "}, onError: e => errors.push(e.code)});"
                + "await store.ready.catch(() => null);"
                + "const code = errors.length ? errors[0] : (store.hydrationError ? store.hydrationError.code : "
                + "'none');"
                + "return {'error reported': code, 'value': JSON.stringify(store.get())};");
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
