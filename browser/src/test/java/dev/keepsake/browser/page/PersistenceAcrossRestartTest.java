package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values survive a page reload and a browser restart (same profile directory, same origin:
 * same port), in both backends, and bytes written by the JS build read back identically in the
 * wasm-gc build and the other way round.
 */
class PersistenceAcrossRestartTest {

    private static final String WRITE = ""
            + "const local = keepsake.localStorageBackend('restart');"
            + "const indexed = keepsake.indexedDbBackend({database: 'restart'});"
            + "await local.save('k', new Uint8Array([1, 2, 3, 255]));"
            + "await indexed.save('k', new Uint8Array([4, 5, 6, 0]));"
            + "await indexed.write([{key: 'batch-a', value: new Uint8Array(1000).fill(7)}, {key: 'batch-b', "
            + "value: new Uint8Array([8])}]);"
            + "return 'written by ' + window.keepsakeBuild;";

    private static final String READ = ""
            + "const local = keepsake.localStorageBackend('restart');"
            + "const indexed = keepsake.indexedDbBackend({database: 'restart'});"
            + "const a = await local.load('k');"
            + "const b = await indexed.load('k');"
            + "const c = await indexed.load('batch-a');"
            + "const keys = (await indexed.listKeys()).sort().join(' ');"
            + "return {'localStorage value': Array.from(a).join(','), 'IndexedDB value': Array.from(b).join(','),"
            + "  'batch value length': c.length, 'batch value last byte': c[999], 'IndexedDB keys': keys};";

    private static final Map<String, Object> EXPECTED = Map.of("localStorage value", "1,2,3,255",
            "IndexedDB value", "4,5,6,0", "batch value length", 1000, "batch value last byte", 7,
            "IndexedDB keys", "batch-a batch-b k");

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @Test
    void jsBuildValuesSurviveReloadAndRestartAndReadInWasm() {
        roundTrip("/pages/module.html", "/pages/wasm.html");
    }

    @Test
    void wasmBuildValuesSurviveReloadAndRestartAndReadInJs() {
        roundTrip("/pages/wasm.html", "/pages/module.html");
    }

    private void roundTrip(String writer, String otherBuild) {
        browser.open(writer);
        assertEquals("written by " + (writer.contains("wasm") ? "wasm-gc" : "js"), browser.run(WRITE));

        browser.driver().navigate().refresh();
        browser.open(writer); // after a reload
        browser.assertChecks(EXPECTED, READ);

        browser.restart();
        browser.open(writer);
        browser.assertChecks(EXPECTED, READ);

        browser.open(otherBuild);
        browser.assertChecks(EXPECTED, READ);
    }
}
