package dev.keepsake.core.internal;

import java.util.Objects;

/**
 * PBKDF2 (RFC 8018 section 5.2) with HMAC-SHA256 as the pseudorandom function, in plain Java,
 * so that a password gives the same key on the JVM (where it equals the JDK's
 * {@code PBKDF2WithHmacSHA256}), in JavaScript and in WebAssembly.
 *
 * <p>Passwords are bytes: encode text as UTF-8 first (the JDK does the same with a
 * {@code PBEKeySpec}'s characters). Iterations run on {@code int} words with precomputed HMAC
 * states, two SHA-256 compressions each. Non-goals: other PRFs, and choosing the iteration count
 * (OWASP suggests 600,000 for HMAC-SHA256 in 2023).
 */
public final class Pbkdf2 {

    private Pbkdf2() {
    }

    /**
     * Derives {@code length} bytes from {@code password} and {@code salt} with {@code iterations}
     * rounds of HMAC-SHA256.
     *
     * @throws NullPointerException if {@code password} or {@code salt} is null
     * @throws IllegalArgumentException if {@code iterations} or {@code length} is not positive
     */
    public static byte[] hmacSha256(byte[] password, byte[] salt, int iterations, int length) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        HmacSha256 prf = new HmacSha256(password);
        byte[] out = new byte[length];
        byte[] blockIndex = new byte[4];
        byte[] u1 = new byte[HmacSha256.MAC_LENGTH];
        int[] w = new int[64];
        int[] state = new int[8];
        int[] acc = new int[8];
        // Every block after the first is a 32-byte message: words 8..15 are its fixed padding,
        // the 0x80 byte and the bit length of one key block plus 32 bytes.
        w[8] = 0x80000000;
        w[15] = (Sha256.BLOCK_LENGTH + HmacSha256.MAC_LENGTH) * 8;
        int blocks = (length + HmacSha256.MAC_LENGTH - 1) / HmacSha256.MAC_LENGTH;
        for (int block = 1; block <= blocks; block++) {
            Sha256.writeIntBe(blockIndex, 0, block);
            prf.macOfConcatenation(salt, 0, salt.length, blockIndex, 0, 4, u1, 0);
            for (int i = 0; i < 8; i++) {
                int j = 4 * i;
                int word = u1[j] << 24 | (u1[j + 1] & 0xFF) << 16 | (u1[j + 2] & 0xFF) << 8 | (u1[j + 3] & 0xFF);
                acc[i] = word;
                state[i] = word;
            }
            for (int round = 1; round < iterations; round++) {
                // state holds U_{round}; compute U_{round+1} = HMAC(password, U_{round}).
                System.arraycopy(state, 0, w, 0, 8);
                System.arraycopy(prf.innerState, 0, state, 0, 8);
                Sha256.compressWords(state, w);
                System.arraycopy(state, 0, w, 0, 8);
                System.arraycopy(prf.outerState, 0, state, 0, 8);
                Sha256.compressWords(state, w);
                for (int i = 0; i < 8; i++) {
                    acc[i] ^= state[i];
                }
            }
            int base = (block - 1) * HmacSha256.MAC_LENGTH;
            for (int i = 0; i < 8 && base + 4 * i < length; i++) {
                int word = acc[i];
                for (int k = 0; k < 4 && base + 4 * i + k < length; k++) {
                    out[base + 4 * i + k] = (byte) (word >>> (24 - 8 * k));
                }
            }
        }
        return out;
    }
}
