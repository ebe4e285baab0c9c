package dev.keepsake.browser.crypto;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.format.Cipher;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The ciphers, key derivation and random source of Keepsake in the browser (JavaScript and
 * WebAssembly builds).
 *
 * <table>
 *   <caption>What runs where</caption>
 *   <tr><th>method</th><th>implementation</th><th>needs</th></tr>
 *   <tr><td>{@link #aesGcm}</td><td>WebCrypto {@code crypto.subtle} AES-GCM</td><td>a secure
 *       context (https, or http on localhost)</td></tr>
 *   <tr><td>{@link #chaCha20Poly1305}</td><td>core's pure-Java RFC 8439 code (WebCrypto has
 *       none)</td><td>{@code crypto.getRandomValues} only</td></tr>
 *   <tr><td>{@link #deriveKey}</td><td>WebCrypto PBKDF2-HMAC-SHA256</td><td>a secure context</td></tr>
 *   <tr><td>{@link #random}</td><td>{@code crypto.getRandomValues}</td><td>nothing special</td></tr>
 * </table>
 *
 * <p>Every cipher writes the same bytes as the JVM's: a value sealed in the browser opens on
 * the JVM and the other way round. A missing platform facility is reported here, when the
 * cipher is configured, as {@link BackendUnavailableException}, never later when a value is
 * written. Key bytes are copied, never kept by AES-GCM (the key is imported as a
 * non-extractable {@code CryptoKey}), and never printed.
 */
public final class BrowserCrypto {

    /** Length in bytes of the keys both ciphers take, and of {@link #deriveKey}'s result. */
    public static final int KEY_BYTES = 32;

    private BrowserCrypto() {
    }

    /** Returns whether WebCrypto's {@code crypto.subtle} is usable here (false in insecure contexts). */
    public static boolean isWebCryptoAvailable() {
        return WebCrypto.subtle() != null;
    }

    /**
     * Returns AES-256-GCM (cipher id 1) by WebCrypto, with 96-bit random nonces.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is not 32 bytes
     * @throws BackendUnavailableException if WebCrypto or {@code crypto.getRandomValues} is missing
     */
    public static Cipher aesGcm(byte[] key) {
        return aesGcm(key, WebCrypto.subtle(), null);
    }

    /** {@link #aesGcm(byte[])} with {@code subtle} for {@code crypto.subtle} and, if not null, {@code random}. */
    static Cipher aesGcm(byte[] key, JSObject subtle, RandomSource random) {
        checkKey(key);
        JSObject usable = requireSubtle(subtle, "AES-GCM");
        return new WebCryptoAesGcmCipher(usable, key, random != null ? random : CryptoRandom.require());
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
     * Derives a 32-byte key from {@code passphrase} (as UTF-8) and {@code salt} by
     * PBKDF2-HMAC-SHA256 with {@code iterations} rounds, by WebCrypto: the same key as the
     * JVM's {@code PBKDF2WithHmacSHA256} and core's {@code Pbkdf2}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code iterations} is not positive or the salt is empty
     * @throws BackendUnavailableException if WebCrypto is missing
     */
    public static Async<byte[]> deriveKey(String passphrase, byte[] salt, int iterations) {
        return deriveKey(passphrase, salt, iterations, WebCrypto.subtle());
    }

    static Async<byte[]> deriveKey(String passphrase, byte[] salt, int iterations, JSObject subtle) {
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(salt, "salt");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        JSObject usable = requireSubtle(subtle, "PBKDF2");
        Async.Completer<byte[]> result = Async.completer();
        WebCrypto.pbkdf2Sha256(usable, Int8Array.copyFromJavaArray(passphrase.getBytes(StandardCharsets.UTF_8)),
                Int8Array.copyFromJavaArray(salt), iterations, KEY_BYTES * 8,
                derived -> result.complete(derived.copyToJavaArray()),
                (name, message) -> result.fail(new SerializationException("webcrypto", null,
                        "PBKDF2 key derivation failed: " + name + ": " + message, null)));
        return result.async();
    }

    private static void checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("key must be " + KEY_BYTES + " bytes, not " + key.length);
        }
    }

    private static JSObject requireSubtle(JSObject subtle, String algorithm) {
        if (subtle == null) {
            throw new BackendUnavailableException("webcrypto", null, "WebCrypto (crypto.subtle) is missing, so "
                    + algorithm + " is unavailable: browsers offer it only in secure contexts (https, or http on"
                    + " localhost)" + (WebCrypto.isSecureContext() ? "" : ", and this page is not one"), null);
        }
        return subtle;
    }
}
