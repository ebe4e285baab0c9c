package dev.keepsake.browser.crypto;

import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.error.BackendUnavailableException;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Random bytes from the browser's cryptographically strong generator,
 * {@code crypto.getRandomValues}, which exists in insecure contexts too. Requests above the
 * API's 65,536-byte limit are served in several calls. Stateless and safe to share.
 */
final class CryptoRandom implements RandomSource {

    static final CryptoRandom INSTANCE = new CryptoRandom();

    /** The most {@code getRandomValues} fills in one call. */
    private static final int MAX_CHUNK = 65536;

    private CryptoRandom() {
    }

    /**
     * Returns the shared instance.
     *
     * @throws BackendUnavailableException if {@code crypto.getRandomValues} is missing
     */
    static CryptoRandom require() {
        if (!WebCrypto.hasRandomValues()) {
            throw new BackendUnavailableException("webcrypto", null,
                    "crypto.getRandomValues is missing: no cryptographic random source for nonces", null);
        }
        return INSTANCE;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        for (int offset = 0; offset < bytes.length; offset += MAX_CHUNK) {
            int length = Math.min(MAX_CHUNK, bytes.length - offset);
            Int8Array chunk = Int8Array.create(length);
            WebCrypto.getRandomValues(chunk);
            System.arraycopy(chunk.copyToJavaArray(), 0, bytes, offset, length);
        }
    }

    @Override
    public String toString() {
        return "crypto.getRandomValues";
    }
}
