package dev.keepsake.browser.js;

import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import java.util.List;
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
    public Compressor compressor(String name) {
        if (!name.equals("none")) {
            throw new IllegalArgumentException("compression '" + name
                    + "' is not in keepsake-kv.js (backends and key-value only): import keepsake.js for it");
        }
        return null;
    }

    @Override
    public List<Compressor> decompressors() {
        return List.of();
    }

    @Override
    public Cipher cipher(JSObject encryption, String storageName) {
        throw new IllegalArgumentException(
                "encryption is not in keepsake-kv.js (backends and key-value only): import keepsake.js for it");
    }
}
