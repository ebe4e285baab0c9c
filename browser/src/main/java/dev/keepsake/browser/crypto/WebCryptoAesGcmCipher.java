package dev.keepsake.browser.crypto;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.format.Cipher;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * AES-256-GCM (cipher id 1) by WebCrypto's {@code crypto.subtle}: a fresh 96-bit nonce from
 * the random source per message, the envelope's associated data, a 128-bit tag. The body is
 * {@code nonce ‖ ciphertext ‖ tag}, byte for byte what the JDK's {@code AES/GCM/NoPadding}
 * produces with the nonce prepended, so values move freely between the JVM and the browser.
 *
 * <p>The key is imported once, non-extractable, when the cipher is created; the raw bytes are
 * not kept. A failure to decrypt (WebCrypto's {@code OperationError}: wrong key, other
 * associated data, tampering) fails the result with {@link WebCryptoException}, which the
 * envelope reports as {@code CorruptedDataException} naming the key. With random nonces, one key
 * should seal at most about 2^32 values. Safe to share.
 */
final class WebCryptoAesGcmCipher implements Cipher {

    private static final int NONCE_BYTES = Encryption.NONCE_BYTES;

    private final JSObject subtle;
    private final RandomSource random;
    private final Async<JSObject> key;

    WebCryptoAesGcmCipher(JSObject subtle, byte[] rawKey, RandomSource random) {
        this.subtle = subtle;
        this.random = random;
        Async.Completer<JSObject> imported = Async.completer();
        // Imported once, now, so that each message pays only for encrypt or decrypt.
        WebCrypto.importAesGcmKey(subtle, Int8Array.copyFromJavaArray(rawKey), imported::complete,
                (name, message) -> imported.fail(new WebCryptoException("AES-GCM key import", name, message)));
        this.key = imported.async();
    }

    @Override
    public int id() {
        return AES_256_GCM;
    }

    @Override
    public String name() {
        return Encryption.Algorithm.AES_256_GCM.label();
    }

    @Override
    public int overheadBytes() {
        return Encryption.OVERHEAD_BYTES;
    }

    @Override
    public Async<byte[]> encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Int8Array iv = Int8Array.copyFromJavaArray(nonce);
        Int8Array input = Int8Array.copyFromJavaArray(plaintext);
        Int8Array aad = Int8Array.copyFromJavaArray(associatedData);
        return key.flatMap(cryptoKey -> {
            Async.Completer<byte[]> result = Async.completer();
            WebCrypto.aesGcmEncrypt(subtle, cryptoKey, iv, input, aad,
                    sealed -> result.complete(sealed.copyToJavaArray()),
                    (name, message) -> result.fail(new WebCryptoException("AES-GCM encryption", name, message)));
            return result.async();
        });
    }

    @Override
    public Async<byte[]> decrypt(byte[] ciphertext, byte[] associatedData) {
        if (ciphertext.length < Encryption.OVERHEAD_BYTES) {
            return Async.failed(new WebCryptoException("AES-GCM decryption", "DataError", "body of "
                    + ciphertext.length + " bytes is shorter than nonce and tag"));
        }
        Int8Array body = Int8Array.copyFromJavaArray(ciphertext);
        Int8Array aad = Int8Array.copyFromJavaArray(associatedData);
        return key.flatMap(cryptoKey -> {
            Async.Completer<byte[]> result = Async.completer();
            WebCrypto.aesGcmDecrypt(subtle, cryptoKey, body, NONCE_BYTES, aad,
                    plain -> result.complete(plain.copyToJavaArray()),
                    (name, message) -> result.fail(new WebCryptoException("AES-GCM decryption", name,
                            "OperationError".equals(name)
                                    ? "authentication failed: wrong key, other associated data, or tampered"
                                    : message)));
            return result.async();
        });
    }

    @Override
    public String toString() {
        return "aes-256-gcm (WebCrypto)";
    }
}
