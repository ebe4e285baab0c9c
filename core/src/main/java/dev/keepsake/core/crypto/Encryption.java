package dev.keepsake.core.crypto;

import dev.keepsake.core.format.Cipher;
import java.util.Objects;

/**
 * A typed choice of authenticated encryption: an algorithm and its {@link EncryptionKey}. A
 * platform turns it into a {@link Cipher} (core's {@link Ciphers#of}, the JVM's
 * {@code JvmCrypto.of}, the browser's WebCrypto ciphers), rejecting an algorithm the platform
 * lacks right then, at configuration time, never when a value is written.
 *
 * <table>
 *   <caption>Where each algorithm is available</caption>
 *   <tr><th>algorithm</th><th>id</th><th>JVM</th><th>browser (JS, wasm-gc)</th></tr>
 *   <tr><td>AES-256-GCM</td><td>1</td><td>{@code javax.crypto}</td><td>WebCrypto</td></tr>
 *   <tr><td>ChaCha20-Poly1305</td><td>2</td><td>{@code javax.crypto} or core</td>
 *       <td>core (pure Java; WebCrypto has no ChaCha20)</td></tr>
 * </table>
 *
 * <p>Both store the body as a 12-byte random nonce, the ciphertext and a 16-byte tag (28 bytes
 * of overhead). Immutable and thread-safe; {@link #toString()} never shows the key.
 */
public final class Encryption {

    /** The registered encryption algorithms, by their envelope ids. */
    public enum Algorithm {
        /** AES with a 256-bit key in Galois/Counter mode, 96-bit nonce, 128-bit tag. */
        AES_256_GCM(Cipher.AES_256_GCM, "aes-256-gcm"),
        /** ChaCha20-Poly1305 of RFC 8439. */
        CHACHA20_POLY1305(Cipher.CHACHA20_POLY1305, "chacha20-poly1305");

        private final int id;
        private final String label;

        Algorithm(int id, String label) {
            this.id = id;
            this.label = label;
        }

        /** Returns the id stored in the envelope. */
        public int id() {
            return id;
        }

        /** Returns the lowercase name used in messages, equal to the cipher's {@code name()}. */
        public String label() {
            return label;
        }
    }

    /** Bytes of the random nonce at the start of every body. */
    public static final int NONCE_BYTES = 12;
    /** Bytes of the authentication tag at the end of every body. */
    public static final int TAG_BYTES = 16;
    /** Bytes a cipher adds to its input: nonce and tag. */
    public static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;

    private final Algorithm algorithm;
    private final EncryptionKey key;

    private Encryption(Algorithm algorithm, EncryptionKey key) {
        this.algorithm = algorithm;
        this.key = key;
    }

    /**
     * Returns AES-256-GCM with {@code key}.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public static Encryption aes256Gcm(EncryptionKey key) {
        return new Encryption(Algorithm.AES_256_GCM, Objects.requireNonNull(key, "key"));
    }

    /**
     * Returns ChaCha20-Poly1305 with {@code key}.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public static Encryption chacha20Poly1305(EncryptionKey key) {
        return new Encryption(Algorithm.CHACHA20_POLY1305, Objects.requireNonNull(key, "key"));
    }

    /** Returns the algorithm. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** Returns the key. */
    public EncryptionKey key() {
        return key;
    }

    /** Returns the algorithm's name; the key is redacted. */
    @Override
    public String toString() {
        return "Encryption[" + algorithm.label + ", key redacted]";
    }
}
