package dev.keepsake.core.internal;

import java.util.Objects;

/**
 * SHA-256 (FIPS 180-4) in plain Java with {@code int} arithmetic, so that every platform,
 * including JavaScript and WebAssembly where only asynchronous WebCrypto exists, can hash
 * synchronously and get the same digest.
 *
 * <p>The instance form is package-private; HMAC and PBKDF2 reuse its compression function with
 * precomputed states. Static methods are stateless and thread-safe. Non-goals: SHA-224 and the
 * other SHA-2 variants.
 */
public final class Sha256 {

    /** Digest length in bytes. */
    public static final int DIGEST_LENGTH = 32;
    static final int BLOCK_LENGTH = 64;

    private static final int[] IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private final int[] state = new int[8];
    private final int[] schedule = new int[64];
    private final byte[] buffer = new byte[BLOCK_LENGTH];
    private int buffered;
    /** Bytes absorbed so far, as two unsigned halves: {@code long} is slow under TeaVM. */
    private int countLow;
    private int countHigh;

    /** Starts a fresh hash. */
    Sha256() {
        System.arraycopy(IV, 0, state, 0, 8);
    }

    /** Continues from {@code state} after {@code blocks} whole blocks were absorbed. */
    Sha256(int[] state, int blocks) {
        System.arraycopy(state, 0, this.state, 0, 8);
        countLow = blocks << 6;
        countHigh = blocks >>> 26;
    }

    /**
     * Returns the SHA-256 digest of {@code data}.
     *
     * @throws NullPointerException if {@code data} is null
     */
    public static byte[] hash(byte[] data) {
        Objects.requireNonNull(data, "data");
        return hash(data, 0, data.length);
    }

    /**
     * Returns the SHA-256 digest of {@code data[offset, offset + length)}.
     *
     * @throws NullPointerException if {@code data} is null
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    public static byte[] hash(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        Sha256 sha = new Sha256();
        sha.update(data, offset, length);
        byte[] out = new byte[DIGEST_LENGTH];
        sha.finish(out, 0);
        return out;
    }

    /** The initial hash value; a copy. */
    static int[] initialState() {
        return IV.clone();
    }

    /** Absorbs {@code data[off, off + len)}. */
    void update(byte[] data, int off, int len) {
        int low = countLow + len;
        if (Integer.compareUnsigned(low, countLow) < 0) {
            countHigh++;
        }
        countLow = low;
        if (buffered > 0) {
            int n = Math.min(BLOCK_LENGTH - buffered, len);
            System.arraycopy(data, off, buffer, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered < BLOCK_LENGTH) {
                return;
            }
            compress(state, buffer, 0, schedule);
            buffered = 0;
        }
        while (len >= BLOCK_LENGTH) {
            compress(state, data, off, schedule);
            off += BLOCK_LENGTH;
            len -= BLOCK_LENGTH;
        }
        if (len > 0) {
            System.arraycopy(data, off, buffer, 0, len);
            buffered = len;
        }
    }

    /** Pads, writes the 32-byte digest to {@code out[outOff..]}; the instance is spent. */
    void finish(byte[] out, int outOff) {
        int bitsHigh = (countHigh << 3) | (countLow >>> 29);
        int bitsLow = countLow << 3;
        buffer[buffered++] = (byte) 0x80;
        if (buffered > BLOCK_LENGTH - 8) {
            for (int i = buffered; i < BLOCK_LENGTH; i++) {
                buffer[i] = 0;
            }
            compress(state, buffer, 0, schedule);
            buffered = 0;
        }
        for (int i = buffered; i < BLOCK_LENGTH - 8; i++) {
            buffer[i] = 0;
        }
        writeIntBe(buffer, BLOCK_LENGTH - 8, bitsHigh);
        writeIntBe(buffer, BLOCK_LENGTH - 4, bitsLow);
        compress(state, buffer, 0, schedule);
        for (int i = 0; i < 8; i++) {
            writeIntBe(out, outOff + 4 * i, state[i]);
        }
    }

    /** Absorbs one 64-byte block from {@code block[off..]} into {@code state}. */
    static void compress(int[] state, byte[] block, int off, int[] w) {
        for (int t = 0; t < 16; t++) {
            int i = off + 4 * t;
            w[t] = block[i] << 24 | (block[i + 1] & 0xFF) << 16 | (block[i + 2] & 0xFF) << 8 | (block[i + 3] & 0xFF);
        }
        compressWords(state, w);
    }

    /**
     * Absorbs the block whose 16 big-endian words are already in {@code w[0..16)} (which must
     * have room for 64) into {@code state}.
     */
    static void compressWords(int[] state, int[] w) {
        for (int t = 16; t < 64; t++) {
            int x = w[t - 15];
            int y = w[t - 2];
            int sigma0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
            int sigma1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
            w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        int f = state[5];
        int g = state[6];
        int h = state[7];
        for (int t = 0; t < 64; t++) {
            int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int ch = (e & f) ^ (~e & g);
            int t1 = h + s1 + ch + K[t] + w[t];
            int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int maj = (a & b) ^ (a & c) ^ (b & c);
            int t2 = s0 + maj;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    static void writeIntBe(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
