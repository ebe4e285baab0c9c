package dev.keepsake.core.crypto;

/**
 * The ChaCha20 stream cipher of RFC 8439 section 2.4 (32-bit block counter, 96-bit nonce).
 * Package-private, like {@link ChaCha20Poly1305}, which authenticates what it
 * encrypts; it is separate so that the RFC's block and cipher vectors can test it directly.
 *
 * <p>All state is in {@code int} locals (TeaVM compiles {@code long} to a slow BigInt in
 * JavaScript) and nothing is allocated per block.
 */
final class ChaCha20 {

    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int BLOCK_LENGTH = 64;

    private static final int C0 = 0x61707865;
    private static final int C1 = 0x3320646e;
    private static final int C2 = 0x79622d32;
    private static final int C3 = 0x6b206574;

    private ChaCha20() {
    }

    /**
     * Applies one quarter round to {@code state[a]}, {@code state[b]}, {@code state[c]} and
     * {@code state[d]}; exposed for the RFC's quarter-round vectors, the hot path inlines it.
     */
    static void quarterRound(int[] state, int a, int b, int c, int d) {
        int x = state[a];
        int y = state[b];
        int z = state[c];
        int w = state[d];
        x += y;
        w = Integer.rotateLeft(w ^ x, 16);
        z += w;
        y = Integer.rotateLeft(y ^ z, 12);
        x += y;
        w = Integer.rotateLeft(w ^ x, 8);
        z += w;
        y = Integer.rotateLeft(y ^ z, 7);
        state[a] = x;
        state[b] = y;
        state[c] = z;
        state[d] = w;
    }

    /** Writes the 64-byte key-stream block number {@code counter} to {@code out[outOff..]}. */
    static void block(byte[] key, int counter, byte[] nonce, byte[] out, int outOff) {
        xor(key, counter, nonce, new byte[BLOCK_LENGTH], 0, BLOCK_LENGTH, out, outOff);
    }

    /**
     * XORs {@code in[inOff, inOff + len)} with the key stream starting at block {@code counter}
     * and writes the result to {@code out[outOff..]}; {@code in} and {@code out} may be the same
     * range. Key and nonce lengths are the caller's responsibility (32 and 12 bytes).
     */
    static void xor(byte[] key, int counter, byte[] nonce, byte[] in, int inOff, int len, byte[] out, int outOff) {
        int k0 = readIntLe(key, 0);
        int k1 = readIntLe(key, 4);
        int k2 = readIntLe(key, 8);
        int k3 = readIntLe(key, 12);
        int k4 = readIntLe(key, 16);
        int k5 = readIntLe(key, 20);
        int k6 = readIntLe(key, 24);
        int k7 = readIntLe(key, 28);
        int n0 = readIntLe(nonce, 0);
        int n1 = readIntLe(nonce, 4);
        int n2 = readIntLe(nonce, 8);
        int ctr = counter;
        int done = 0;
        while (done < len) {
            int x0 = C0;
            int x1 = C1;
            int x2 = C2;
            int x3 = C3;
            int x4 = k0;
            int x5 = k1;
            int x6 = k2;
            int x7 = k3;
            int x8 = k4;
            int x9 = k5;
            int x10 = k6;
            int x11 = k7;
            int x12 = ctr;
            int x13 = n0;
            int x14 = n1;
            int x15 = n2;
            for (int i = 0; i < 10; i++) {
                // Column round.
                x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16);
                x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
                x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8);
                x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
                x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16);
                x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
                x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8);
                x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
                x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16);
                x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
                x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8);
                x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
                x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16);
                x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
                x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8);
                x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
                // Diagonal round.
                x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16);
                x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
                x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8);
                x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
                x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16);
                x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
                x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8);
                x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
                x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16);
                x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
                x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8);
                x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
                x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16);
                x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
                x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8);
                x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
            }
            x0 += C0;
            x1 += C1;
            x2 += C2;
            x3 += C3;
            x4 += k0;
            x5 += k1;
            x6 += k2;
            x7 += k3;
            x8 += k4;
            x9 += k5;
            x10 += k6;
            x11 += k7;
            x12 += ctr;
            x13 += n0;
            x14 += n1;
            x15 += n2;
            int i = inOff + done;
            int o = outOff + done;
            int n = len - done;
            if (n >= BLOCK_LENGTH) {
                xorWord(in, i, out, o, x0);
                xorWord(in, i + 4, out, o + 4, x1);
                xorWord(in, i + 8, out, o + 8, x2);
                xorWord(in, i + 12, out, o + 12, x3);
                xorWord(in, i + 16, out, o + 16, x4);
                xorWord(in, i + 20, out, o + 20, x5);
                xorWord(in, i + 24, out, o + 24, x6);
                xorWord(in, i + 28, out, o + 28, x7);
                xorWord(in, i + 32, out, o + 32, x8);
                xorWord(in, i + 36, out, o + 36, x9);
                xorWord(in, i + 40, out, o + 40, x10);
                xorWord(in, i + 44, out, o + 44, x11);
                xorWord(in, i + 48, out, o + 48, x12);
                xorWord(in, i + 52, out, o + 52, x13);
                xorWord(in, i + 56, out, o + 56, x14);
                xorWord(in, i + 60, out, o + 60, x15);
                done += BLOCK_LENGTH;
            } else {
                // Final partial block: rare, so a small array keeps the code short.
                int[] words = {x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15};
                for (int j = 0; j < n; j++) {
                    out[o + j] = (byte) (in[i + j] ^ (words[j >>> 2] >>> ((j & 3) << 3)));
                }
                done = len;
            }
            ctr++;
        }
    }

    private static void xorWord(byte[] in, int i, byte[] out, int o, int word) {
        out[o] = (byte) (in[i] ^ word);
        out[o + 1] = (byte) (in[i + 1] ^ (word >>> 8));
        out[o + 2] = (byte) (in[i + 2] ^ (word >>> 16));
        out[o + 3] = (byte) (in[i + 3] ^ (word >>> 24));
    }

    static int readIntLe(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
    }
}
