package dev.keepsake.core.crypto;

import dev.keepsake.core.format.Cipher;
import java.util.Objects;

/**
 * The ciphers core implements in plain Java, available on every platform: ChaCha20-Poly1305.
 * AES-256-GCM needs a platform implementation (the JVM's {@code JvmCrypto}, the browser's
 * WebCrypto ciphers); asking core for it fails at once, at configuration time.
 */
public final class Ciphers {

    private Ciphers() {
    }

    /**
     * Returns ChaCha20-Poly1305 (id 2) with {@code key}, drawing nonces from {@code random}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Cipher chacha20Poly1305(EncryptionKey key, RandomSource random) {
        return new ChaCha20Poly1305Cipher(key, random);
    }

    /**
     * Returns core's cipher for {@code encryption}, drawing nonces from {@code random}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if core has no implementation of the algorithm
     *     (AES-256-GCM: use the platform's ciphers)
     */
    public static Cipher of(Encryption encryption, RandomSource random) {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(random, "random");
        switch (encryption.algorithm()) {
            case CHACHA20_POLY1305:
                return chacha20Poly1305(encryption.key(), random);
            default:
                throw new IllegalArgumentException(encryption.algorithm().label()
                        + " is not available in core's portable ciphers (only chacha20-poly1305);"
                        + " use JvmCrypto on the JVM or the browser's WebCrypto ciphers");
        }
    }
}
