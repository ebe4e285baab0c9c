package dev.keepsake.jvm.crypto;

import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.format.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The ciphers of the JVM, on {@code javax.crypto}: AES-256-GCM and ChaCha20-Poly1305, with
 * nonces from {@code SecureRandom} unless a {@link RandomSource} is given; plus key
 * derivation from a passphrase with the JDK's {@code PBKDF2WithHmacSHA256}, giving exactly the
 * key core's {@link EncryptionKey#fromPassphrase} gives. Each factory checks that the JVM has
 * the algorithm when called (configuration time), never when a value is written.
 *
 * <pre>{@code
 * byte[] salt = ...; // EncryptionKey.newSalt(JvmCrypto.random()) once, kept with the store
 * EncryptionKey key = JvmCrypto.deriveKey(passphrase, salt, EncryptionKey.DEFAULT_ITERATIONS);
 * PersistenceConfig config = PersistenceConfig.builder()
 *         .cipher(JvmCrypto.of(Encryption.aes256Gcm(key)))
 *         .build();
 * }</pre>
 */
public final class JvmCrypto {

    private JvmCrypto() {
    }

    /** Returns the JVM's strong random source ({@code SecureRandom}), shared and thread-safe. */
    public static RandomSource random() {
        return SecureRandomSource.INSTANCE;
    }

    /**
     * Returns AES-256-GCM with {@code key} and nonces from {@code SecureRandom}.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if this JVM lacks AES-GCM
     */
    public static Cipher aes256Gcm(EncryptionKey key) {
        return of(Encryption.aes256Gcm(key));
    }

    /**
     * Returns ChaCha20-Poly1305 with {@code key} and nonces from {@code SecureRandom}.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if this JVM lacks ChaCha20-Poly1305
     */
    public static Cipher chacha20Poly1305(EncryptionKey key) {
        return of(Encryption.chacha20Poly1305(key));
    }

    /**
     * Returns the JVM's cipher for {@code encryption}, with nonces from {@code SecureRandom}.
     *
     * @throws NullPointerException if {@code encryption} is null
     * @throws IllegalArgumentException if this JVM lacks the algorithm
     */
    public static Cipher of(Encryption encryption) {
        return of(encryption, random());
    }

    /**
     * Returns the JVM's cipher for {@code encryption}, with nonces from {@code random}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if this JVM lacks the algorithm
     */
    public static Cipher of(Encryption encryption, RandomSource random) {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(random, "random");
        byte[] keyBytes = encryption.key().bytes();
        JdkAeadCipher cipher = new JdkAeadCipher(encryption.algorithm(), keyBytes, random);
        Arrays.fill(keyBytes, (byte) 0);
        try {
            cipher.newJdkCipher();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(encryption.algorithm().label() + " is not available on this JVM ("
                    + e.getMessage() + ")", e);
        }
        return cipher;
    }

    /**
     * Derives the key of {@code passphrase} and {@code salt} with the JDK's
     * {@code PBKDF2WithHmacSHA256}: the same key {@link EncryptionKey#fromPassphrase} derives,
     * by the same rules.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the passphrase is empty, the salt shorter than
     *     {@link EncryptionKey#MIN_SALT_BYTES} or the iterations below
     *     {@link EncryptionKey#MIN_ITERATIONS}
     */
    public static EncryptionKey deriveKey(String passphrase, byte[] salt, int iterations) {
        EncryptionKey.checkDerivation(passphrase, salt, iterations);
        if (!Arrays.equals(EncryptionKey.passphraseBytes(passphrase), passphrase.getBytes(StandardCharsets.UTF_8))) {
            // A lone surrogate: the JDK encodes it as '?', every other platform as U+FFFD.
            return EncryptionKey.fromPassphrase(passphrase, salt, iterations);
        }
        char[] chars = passphrase.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, EncryptionKey.LENGTH_BYTES * 8);
        try {
            byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            try {
                return EncryptionKey.of(raw);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PBKDF2WithHmacSHA256 is not available on this JVM (" + e.getMessage()
                    + ")", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
