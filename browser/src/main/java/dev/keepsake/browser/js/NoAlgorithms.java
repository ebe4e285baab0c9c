package dev.keepsake.browser.js;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.manager.PersistenceConfig;
import org.teavm.jso.JSObject;

/**
 * The algorithms of {@code keepsake-kv.js}: none. Values are stored uncompressed and
 * unencrypted (still framed and checksummed), and asking for either is a TypeError that says
 * which build has them, rather than a silent downgrade.
 */
final class NoAlgorithms implements JsAlgorithms {

    static final NoAlgorithms INSTANCE = new NoAlgorithms();

    private NoAlgorithms() {
    }

    @Override
    public void configure(PersistenceConfig.Builder config, String compression, JSObject encryption,
            String storageName, StorageBackend backend) {
        if (!compression.equals("none")) {
            throw new IllegalArgumentException("compression '" + compression
                    + "' is not in keepsake-kv.js (backends and key-value only): import keepsake.js for it");
        }
        if (encryption != null) {
            throw new IllegalArgumentException(
                    "encryption is not in keepsake-kv.js (backends and key-value only): import keepsake.js for it");
        }
    }
}
