package dev.keepsake.jvm.crypto;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.format.Cipher;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM (id 1) or ChaCha20-Poly1305 (id 2) on {@code javax.crypto}. Both produce the
 * body layout every Keepsake platform shares:
 *
 * <pre>
 * | field      | size | meaning                                  |
 * |------------|------|------------------------------------------|
 * | nonce      | 12   | fresh from the injected RandomSource     |
 * | ciphertext | n    | as long as the plaintext                 |
 * | tag        | 16   | over the associated data and ciphertext  |
 * </pre>
 *
 * <p>For AES-GCM this is WebCrypto's output ({@code encrypt({name: "AES-GCM", iv})} returns
 * ciphertext and tag) with its nonce in front; for ChaCha20-Poly1305 it is core's pure-Java
 * cipher's output. A fresh {@code javax.crypto.Cipher} per call keeps this thread-safe (the
 * JDK's instances are not) and sidesteps their refusal to reuse a key and nonce pair, which a
 * test's fixed nonce source needs. Settles synchronously; failed authentication fails the
 * result with {@code AEADBadTagException}, which the envelope reports as corrupted data. The
 * key is never printed.
 */
final class JdkAeadCipher implements Cipher {

    private final Encryption.Algorithm algorithm;
    private final String transformation;
    private final SecretKeySpec key;
    private final RandomSource random;

    JdkAeadCipher(Encryption.Algorithm algorithm, byte[] key, RandomSource random) {
        this.algorithm = algorithm;
        this.transformation = algorithm == Encryption.Algorithm.AES_256_GCM ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305";
        this.key = new SecretKeySpec(key, algorithm == Encryption.Algorithm.AES_256_GCM ? "AES" : "ChaCha20");
        this.random = random;
    }

    /** Returns the JDK cipher object, proving at configuration time that the JVM has the algorithm. */
    javax.crypto.Cipher newJdkCipher() throws GeneralSecurityException {
        return javax.crypto.Cipher.getInstance(transformation);
    }

    @Override
    public int id() {
        return algorithm.id();
    }

    @Override
    public String name() {
        return algorithm.label();
    }

    @Override
    public int overheadBytes() {
        return Encryption.OVERHEAD_BYTES;
    }

    @Override
    public Async<byte[]> encrypt(byte[] plaintext, byte[] associatedData) {
        try {
            byte[] out = new byte[Encryption.OVERHEAD_BYTES + plaintext.length];
            byte[] nonce = new byte[Encryption.NONCE_BYTES];
            random.nextBytes(nonce);
            System.arraycopy(nonce, 0, out, 0, Encryption.NONCE_BYTES);
            javax.crypto.Cipher c = newJdkCipher();
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key, parameters(nonce));
            c.updateAAD(associatedData);
            int n = c.doFinal(plaintext, 0, plaintext.length, out, Encryption.NONCE_BYTES);
            if (n != plaintext.length + Encryption.TAG_BYTES) {
                throw new IllegalStateException(algorithm.label() + " produced " + n + " bytes for "
                        + plaintext.length);
            }
            return Async.of(out);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public Async<byte[]> decrypt(byte[] ciphertext, byte[] associatedData) {
        try {
            if (ciphertext.length < Encryption.OVERHEAD_BYTES) {
                throw new javax.crypto.AEADBadTagException("ciphertext of " + ciphertext.length
                        + " bytes is shorter than nonce and tag");
            }
            byte[] nonce = java.util.Arrays.copyOf(ciphertext, Encryption.NONCE_BYTES);
            javax.crypto.Cipher c = newJdkCipher();
            c.init(javax.crypto.Cipher.DECRYPT_MODE, key, parameters(nonce));
            c.updateAAD(associatedData);
            return Async.of(c.doFinal(ciphertext, Encryption.NONCE_BYTES, ciphertext.length - Encryption.NONCE_BYTES));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Async.failed(e);
        }
    }

    private AlgorithmParameterSpec parameters(byte[] nonce) {
        return algorithm == Encryption.Algorithm.AES_256_GCM
                ? new GCMParameterSpec(Encryption.TAG_BYTES * 8, nonce)
                : new IvParameterSpec(nonce);
    }

    @Override
    public String toString() {
        return "JdkAeadCipher[" + algorithm.label() + ", key redacted]";
    }
}
