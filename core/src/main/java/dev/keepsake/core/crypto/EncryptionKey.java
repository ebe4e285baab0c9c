package dev.keepsake.core.crypto;

import dev.keepsake.core.internal.Pbkdf2;
import dev.keepsake.core.internal.Utf8;
import java.util.Objects;

/**
 * A 256-bit secret key for the envelope's ciphers: given raw, or derived from a passphrase
 * with PBKDF2-HMAC-SHA256. The key bytes are never printed: {@link #toString()} and every
 * message say only that a key is present.
 *
 * <p>Passphrase keys: the same passphrase, salt and iteration count give the same key on the
 * JVM, in JavaScript and in WebAssembly (the passphrase is encoded as UTF-8 exactly like the
 * browser's {@code TextEncoder}, lone surrogates as U+FFFD, with no Unicode normalization).
 * The salt is chosen by the caller: generate it once per store with {@link #newSalt} and keep it
 * next to the store's configuration or in the backend under a key of your own; it is not
 * secret, but losing it loses the data. Iterations default to {@link #DEFAULT_ITERATIONS}
 * (OWASP's 2023 advice for HMAC-SHA256) and may not go below {@link #MIN_ITERATIONS}.
 *
 * <p>Derivation here is synchronous and pure Java (about half a second on a desktop JVM at
 * the default count, several seconds in a browser); platforms offer faster or asynchronous
 * derivers producing the same bytes, which hand them to {@link #of}.
 *
 * <p>Instances are immutable and thread-safe. Non-goals: erasing the key from memory (the JVM
 * and JavaScript cannot promise it), key rotation.
 */
public final class EncryptionKey {

    /** The length of every key, in bytes. */
    public static final int LENGTH_BYTES = 32;
    /** The iteration count {@link #fromPassphrase(String, byte[])} uses. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The smallest iteration count accepted for a passphrase. */
    public static final int MIN_ITERATIONS = 100_000;
    /** The shortest salt accepted for a passphrase, in bytes; {@link #newSalt} makes this many. */
    public static final int MIN_SALT_BYTES = 16;

    private final byte[] bytes;

    private EncryptionKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns the key with the given 32 raw bytes (copied).
     *
     * @throws NullPointerException if {@code raw} is null
     * @throws IllegalArgumentException if {@code raw} is not 32 bytes long
     */
    public static EncryptionKey of(byte[] raw) {
        Objects.requireNonNull(raw, "raw key");
        if (raw.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("an encryption key must be " + LENGTH_BYTES + " bytes (256 bits), was "
                    + raw.length + " bytes");
        }
        byte[] copy = new byte[LENGTH_BYTES];
        System.arraycopy(raw, 0, copy, 0, LENGTH_BYTES);
        return new EncryptionKey(copy);
    }

    /**
     * Derives the key of {@code passphrase} and {@code salt} with {@link #DEFAULT_ITERATIONS}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the passphrase is empty or the salt too short
     */
    public static EncryptionKey fromPassphrase(String passphrase, byte[] salt) {
        return fromPassphrase(passphrase, salt, DEFAULT_ITERATIONS);
    }

    /**
     * Derives the key of {@code passphrase} and {@code salt} with PBKDF2-HMAC-SHA256.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the passphrase is empty, the salt shorter than
     *     {@link #MIN_SALT_BYTES} or the iterations below {@link #MIN_ITERATIONS}
     */
    public static EncryptionKey fromPassphrase(String passphrase, byte[] salt, int iterations) {
        checkDerivation(passphrase, salt, iterations);
        return new EncryptionKey(Pbkdf2.hmacSha256(passphraseBytes(passphrase), salt, iterations, LENGTH_BYTES));
    }

    /**
     * Checks passphrase derivation parameters by the rules of {@link #fromPassphrase}, so that
     * platform derivers reject exactly what it rejects.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the passphrase is empty, the salt shorter than
     *     {@link #MIN_SALT_BYTES} or the iterations below {@link #MIN_ITERATIONS}
     */
    public static void checkDerivation(String passphrase, byte[] salt, int iterations) {
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(salt, "salt");
        if (passphrase.isEmpty()) {
            throw new IllegalArgumentException("passphrase must not be empty");
        }
        if (salt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("salt must be at least " + MIN_SALT_BYTES + " bytes, was "
                    + salt.length);
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be at least " + MIN_ITERATIONS + ", was "
                    + iterations);
        }
    }

    /**
     * Returns {@link #MIN_SALT_BYTES} fresh random bytes from {@code random}, to be stored once
     * per store and passed to every later derivation.
     *
     * @throws NullPointerException if {@code random} is null
     */
    public static byte[] newSalt(RandomSource random) {
        Objects.requireNonNull(random, "random");
        byte[] salt = new byte[MIN_SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * Returns {@code passphrase} as the bytes PBKDF2 reads: UTF-8 with lone surrogates as
     * U+FFFD, which is what the browser's {@code TextEncoder} produces (the JDK's encoder would
     * write {@code '?'} instead).
     *
     * @throws NullPointerException if {@code passphrase} is null
     */
    public static byte[] passphraseBytes(String passphrase) {
        return Utf8.encode(passphrase);
    }

    /** Returns a fresh copy of the 32 key bytes, for a platform cipher to import. */
    public byte[] bytes() {
        byte[] copy = new byte[LENGTH_BYTES];
        System.arraycopy(bytes, 0, copy, 0, LENGTH_BYTES);
        return copy;
    }

    /** Returns a description without key material. */
    @Override
    public String toString() {
        return "EncryptionKey[256 bits, redacted]";
    }
}
