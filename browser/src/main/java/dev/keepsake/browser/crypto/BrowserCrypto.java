package dev.keepsake.browser.crypto;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.crypto.Ciphers;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.format.Cipher;
import java.util.Objects;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The ciphers, key derivation and random source of Keepsake in the browser (JavaScript and
 * WebAssembly builds): the browser's counterpart of the JVM's {@code JvmCrypto}.
 *
 * <table>
 *   <caption>What runs where</caption>
 *   <tr><th>method</th><th>implementation</th><th>needs</th></tr>
 *   <tr><td>{@link #aes256Gcm}</td><td>WebCrypto {@code crypto.subtle} AES-GCM</td><td>a secure
 *       context (https, or http on localhost)</td></tr>
 *   <tr><td>{@link #chacha20Poly1305}</td><td>core's pure-Java RFC 8439 code (WebCrypto has
 *       none)</td><td>{@code crypto.getRandomValues} only</td></tr>
 *   <tr><td>{@link #deriveKey}</td><td>WebCrypto PBKDF2-HMAC-SHA256 (core's
 *       {@code EncryptionKey.fromPassphrase} gives the same key without it)</td><td>a secure
 *       context</td></tr>
 *   <tr><td>{@link #random}</td><td>{@code crypto.getRandomValues}</td><td>nothing special</td></tr>
 * </table>
 *
 * <pre>{@code
 * byte[] salt = ...; // EncryptionKey.newSalt(BrowserCrypto.random()) once, kept with the store
 * BrowserCrypto.deriveKey(passphrase, salt, EncryptionKey.DEFAULT_ITERATIONS)
 *         .map(key -> PersistenceConfig.builder().cipher(BrowserCrypto.aes256Gcm(key)).build());
 * }</pre>
 *
 * <p>Every cipher writes the bytes the JVM's does (nonce ‖ ciphertext ‖ tag): a value sealed in
 * the browser opens on the JVM and the other way round. A missing platform facility (WebCrypto
 * outside a secure context) is reported by the factory, when the cipher is configured, as
 * {@link BackendUnavailableException}, never later when a value is written. AES-GCM keys are
 * imported as non-extractable {@code CryptoKey}s; key bytes are never printed.
 */
public final class BrowserCrypto {

    private BrowserCrypto() {
    }

    /** Returns whether WebCrypto's {@code crypto.subtle} is usable here (false in insecure contexts). */
    public static boolean isWebCryptoAvailable() {
        return WebCrypto.subtle() != null;
    }

    /**
     * Returns the browser's cryptographic random source, {@code crypto.getRandomValues}.
     *
     * @throws BackendUnavailableException if {@code crypto.getRandomValues} is missing
     */
    public static RandomSource random() {
        return CryptoRandom.require();
    }

    /**
     * Returns AES-256-GCM (cipher id 1) by WebCrypto, with nonces from {@code crypto.getRandomValues}.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws BackendUnavailableException if WebCrypto is missing (an insecure context)
     */
    public static Cipher aes256Gcm(EncryptionKey key) {
        Objects.requireNonNull(key, "key");
        return aes256Gcm(key, CryptoRandom.require(), WebCrypto.subtle());
    }

    /**
     * Returns ChaCha20-Poly1305 (cipher id 2) by core's pure-Java code, with nonces from
     * {@code crypto.getRandomValues}; it works in insecure contexts too.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws BackendUnavailableException if {@code crypto.getRandomValues} is missing
     */
    public static Cipher chacha20Poly1305(EncryptionKey key) {
        return Ciphers.chacha20Poly1305(key, CryptoRandom.require());
    }

    /**
     * Returns the browser's cipher for {@code encryption}, with nonces from {@code crypto.getRandomValues}.
     *
     * @throws NullPointerException if {@code encryption} is null
     * @throws BackendUnavailableException if the algorithm cannot run in this page (AES-GCM
     *     without WebCrypto)
     */
    public static Cipher of(Encryption encryption) {
        Objects.requireNonNull(encryption, "encryption");
        return of(encryption, CryptoRandom.require(), WebCrypto.subtle());
    }

    /**
     * Returns the browser's cipher for {@code encryption}, with nonces from {@code random}
     * (a fixed source only to reproduce test vectors).
     *
     * @throws NullPointerException if an argument is null
     * @throws BackendUnavailableException if the algorithm cannot run in this page (AES-GCM
     *     without WebCrypto)
     */
    public static Cipher of(Encryption encryption, RandomSource random) {
        return of(encryption, random, WebCrypto.subtle());
    }

    /** {@link #of(Encryption, RandomSource)} with {@code subtle} standing for {@code crypto.subtle}. */
    static Cipher of(Encryption encryption, RandomSource random, JSObject subtle) {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(random, "random");
        switch (encryption.algorithm()) {
            case AES_256_GCM:
                return aes256Gcm(encryption.key(), random, subtle);
            case CHACHA20_POLY1305:
                return Ciphers.chacha20Poly1305(encryption.key(), random);
            default:
                throw new IllegalArgumentException(encryption.algorithm().label() + " is not available in the browser");
        }
    }

    // The factories call each other only downwards, so that a build referencing aes256Gcm()
    // alone carries no ChaCha20 code.
    private static Cipher aes256Gcm(EncryptionKey key, RandomSource random, JSObject subtle) {
        return new WebCryptoAesGcmCipher(requireSubtle(subtle, "AES-256-GCM"), key.bytes(), random);
    }

    /**
     * Derives the key of {@code passphrase} and {@code salt} with PBKDF2-HMAC-SHA256 by WebCrypto:
     * the key {@link EncryptionKey#fromPassphrase} and the JVM's {@code JvmCrypto.deriveKey}
     * give, by the same rules. Without WebCrypto (an insecure context) use
     * {@link EncryptionKey#fromPassphrase}, core's pure-Java PBKDF2: the same key, but it blocks
     * the page for seconds at the default count; it is not a silent fallback here because it
     * would put the pure-Java SHA-256 into every build that derives keys.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the passphrase is empty, the salt shorter than
     *     {@link EncryptionKey#MIN_SALT_BYTES} or the iterations below
     *     {@link EncryptionKey#MIN_ITERATIONS}
     * @throws BackendUnavailableException if WebCrypto is missing (an insecure context)
     */
    public static Async<EncryptionKey> deriveKey(String passphrase, byte[] salt, int iterations) {
        return deriveKey(passphrase, salt, iterations, WebCrypto.subtle());
    }

    static Async<EncryptionKey> deriveKey(String passphrase, byte[] salt, int iterations, JSObject subtle) {
        EncryptionKey.checkDerivation(passphrase, salt, iterations);
        return pbkdf2(requireSubtle(subtle, "PBKDF2"), EncryptionKey.passphraseBytes(passphrase), salt, iterations)
                .map(EncryptionKey::of);
    }

    /** Derives 32 bytes by WebCrypto's PBKDF2-HMAC-SHA256, without the passphrase rules (for test vectors). */
    static Async<byte[]> pbkdf2(JSObject subtle, byte[] password, byte[] salt, int iterations) {
        Async.Completer<byte[]> result = Async.completer();
        WebCrypto.pbkdf2Sha256(subtle, Int8Array.copyFromJavaArray(password), Int8Array.copyFromJavaArray(salt),
                iterations, EncryptionKey.LENGTH_BYTES * 8,
                derived -> result.complete(derived.copyToJavaArray()),
                (name, message) -> result.fail(new WebCryptoException("PBKDF2 key derivation", name, message)));
        return result.async();
    }

    private static JSObject requireSubtle(JSObject subtle, String algorithm) {
        if (subtle == null) {
            throw new BackendUnavailableException("webcrypto", null, "WebCrypto (crypto.subtle) is missing, so "
                    + algorithm + " is unavailable: browsers offer it only in secure contexts (https, or http on"
                    + " localhost)" + (WebCrypto.isSecureContext() ? "" : ", and this page is not one")
                    + "; chacha20-poly1305 and EncryptionKey.fromPassphrase work without it", null);
        }
        return subtle;
    }
}
