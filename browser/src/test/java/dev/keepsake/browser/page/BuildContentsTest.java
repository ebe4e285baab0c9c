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

    @Test
    void buildsCarryNoMonitors() throws Exception {
        for (String module : new String[] {"keepsake.js", "keepsake-kv.js", "keepsake.wasm"}) {
            assertFalse(contains(module, MONITOR_RUNTIME), module + " carries TeaVM's monitor runtime:"
                    + " a synchronized method or block escaped UncontendedMonitors");
        }
    }

    private static boolean contains(String file, String text) throws Exception {
        Path path = WEB.resolve(file);
        assertTrue(Files.isRegularFile(path), "missing build output " + path);
        // ISO-8859-1 maps bytes one to one, so ASCII text is found in the wasm binary's data too.
        return new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1).contains(text);
    }
}
