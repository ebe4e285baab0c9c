package dev.keepsake.browser.js;

import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import org.teavm.jso.JSObject;

/** Maps the {@code compression} and {@code encryption} options to core's algorithm hooks. */
final class JsAlgorithms {

    private JsAlgorithms() {
    }

    /**
     * Returns the compressor named by the {@code compression} option, or null for {@code 'none'}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static Compressor compressor(String name) {
        switch (name) {
            case "none":
                return null;
            default:
                throw new IllegalArgumentException("compression must be 'gzip', 'lz4' or 'none': " + name);
        }
    }

    /**
     * Returns the cipher the {@code encryption} option asks for: {@code {key: Uint8Array(32)}}
     * or {@code {passphrase: string}}.
     *
     * @throws IllegalArgumentException if neither or both are given, or the key is not 32 bytes
     */
    static Cipher cipher(JSObject encryption, String name) {
        throw new IllegalArgumentException("encryption is not available in this build");
    }
}
