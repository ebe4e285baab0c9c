package dev.keepsake.core.crypto;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Cipher;
import java.util.Objects;

/**
 * ChaCha20-Poly1305 as an envelope {@link Cipher} (id 2), on core's pure-Java
 * {@link ChaCha20Poly1305}, so it runs on every platform, including the browser where WebCrypto
 * has no ChaCha20. The body it produces is byte for byte what the JDK's
 * {@code ChaCha20-Poly1305} produces with the same nonce:
 *
 * <pre>
 * | field      | size | meaning                                     |
 * |------------|------|---------------------------------------------|
 * | nonce      | 12   | fresh from the injected RandomSource        |
 * | ciphertext | n    | the plaintext XOR the ChaCha20 keystream    |
 * | tag        | 16   | Poly1305 over associated data and ciphertext|
 * </pre>
 *
 * <p>Settles synchronously. A failed authentication fails the result with
 * {@link AuthenticationFailedException}, which the envelope reports as corrupted data naming
 * the key. Thread-safe if its {@link RandomSource} is; the key is never printed.
 */
final class ChaCha20Poly1305Cipher implements Cipher {

    private final byte[] key;
    private final RandomSource random;

    ChaCha20Poly1305Cipher(EncryptionKey key, RandomSource random) {
        this.key = Objects.requireNonNull(key, "key").bytes();
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public int id() {
        return Cipher.CHACHA20_POLY1305;
    }

    @Override
    public String name() {
        return Encryption.Algorithm.CHACHA20_POLY1305.label();
    }

    @Override
    public int overheadBytes() {
        return Encryption.OVERHEAD_BYTES;
    }

    @Override
    public Async<byte[]> encrypt(byte[] plaintext, byte[] associatedData) {
        try {
            byte[] nonce = new byte[Encryption.NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] sealed = ChaCha20Poly1305.seal(key, nonce, plaintext, associatedData);
            byte[] out = new byte[Encryption.NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, Encryption.NONCE_BYTES);
            System.arraycopy(sealed, 0, out, Encryption.NONCE_BYTES, sealed.length);
            return Async.of(out);
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public Async<byte[]> decrypt(byte[] ciphertext, byte[] associatedData) {
        try {
            if (ciphertext.length < Encryption.OVERHEAD_BYTES) {
                throw new AuthenticationFailedException("ciphertext of " + ciphertext.length
                        + " bytes is shorter than nonce and tag");
            }
            byte[] nonce = new byte[Encryption.NONCE_BYTES];
            System.arraycopy(ciphertext, 0, nonce, 0, Encryption.NONCE_BYTES);
            return Async.of(ChaCha20Poly1305.open(key, nonce, ciphertext, Encryption.NONCE_BYTES,
                    ciphertext.length - Encryption.NONCE_BYTES, associatedData));
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public String toString() {
        return "ChaCha20Poly1305Cipher[core, key redacted]";
    }
}
