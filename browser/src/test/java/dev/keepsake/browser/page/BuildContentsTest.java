package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * What the browser builds leave out, checked on the files themselves: each exclusion is a
 * string only the left-out code carries (TeaVM keeps string literals through minification), so
 * if a change brings the code back, this fails before the size fences notice.
 */
class BuildContentsTest {

    private static final Path WEB = Paths.get(System.getProperty("keepsake.web.dir", "target/web"));
    /** From TeaVM's monitor runtime, which is in a build exactly when a monitor is. */
    private static final String MONITOR_RUNTIME = "enter monitor from another thread synchronously";
    /** The envelope's compressing and encrypting stages name the algorithm that failed. */
    private static final String COMPRESSION_STAGE = "decompression with ";
    private static final String ENCRYPTION_STAGE = "decryption with ";
    /** Only the fetch transport (so only a build with server sync) names a server that did not answer. */
    private static final String FETCH_TRANSPORT = "no answer from the server: ";

    @Test
    void buildsCarryNoMonitors() throws Exception {
        for (String module : new String[] {"keepsake.js", "keepsake-kv.js", "keepsake.wasm", "keepsake-sync.js",
                "keepsake-sync.wasm"}) {
            assertFalse(contains(module, MONITOR_RUNTIME), module + " carries TeaVM's monitor runtime:"
                    + " a synchronized method or block escaped UncontendedMonitors");
        }
    }

    @Test
    void keyValueModuleLeavesOutTheEnvelopesCompressionAndEncryption() throws Exception {
        assertTrue(contains("keepsake.js", COMPRESSION_STAGE) && contains("keepsake.js", ENCRYPTION_STAGE),
                "keepsake.js should carry the envelope's stages (else this test checks nothing)");
        assertFalse(contains("keepsake-kv.js", COMPRESSION_STAGE) || contains("keepsake-kv.js", ENCRYPTION_STAGE),
                "keepsake-kv.js carries the envelope's compression or encryption stage: something it reaches"
                        + " configures an algorithm on PersistenceConfig.Builder or opens envelopes with Algorithms");
    }

    @Test
    void onlyTheSyncModuleCarriesTheReplicatorAndTheFetchTransport() throws Exception {
        for (String sync : new String[] {"keepsake-sync.js", "keepsake-sync.wasm"}) {
            assertTrue(contains(sync, FETCH_TRANSPORT),
                    sync + " should carry the fetch transport (else this test checks nothing)");
        }
        for (String module : new String[] {"keepsake.js", "keepsake-kv.js", "keepsake.wasm"}) {
            assertFalse(contains(module, FETCH_TRANSPORT), module + " carries the fetch transport: something it reaches"
                    + " opens a server sync (only KeepsakeSyncExports should pass ServerSyncs)");
        }
    }

    private static boolean contains(String file, String text) throws Exception {
        Path path = WEB.resolve(file);
        assertTrue(Files.isRegularFile(path), "missing build output " + path);
        // ISO-8859-1 maps bytes one to one, so ASCII text is found in the wasm binary's data too.
        return new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1).contains(text);
    }
}
