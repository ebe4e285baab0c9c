package dev.keepsake.core.internal;

import java.util.Objects;

/**
 * HMAC-SHA256 (RFC 2104 with {@link Sha256}) in plain Java, giving the same MAC on every
 * platform without WebCrypto's asynchronous API.
 *
 * <p>A keyed instance (package-private) holds the hash states after the padded key blocks, so
 * that {@link Pbkdf2} pays two compressions per iteration instead of four. Static methods are
 * stateless and thread-safe. Non-goals: truncated tags and verification helpers; compare MACs
 * in constant time where it matters.
 */
final class HmacSha256 {

    /** MAC length in bytes. */
    public static final int MAC_LENGTH = Sha256.DIGEST_LENGTH;

    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    /** SHA-256 state after absorbing key ^ ipad (one block). */
    final int[] innerState;
    /** SHA-256 state after absorbing key ^ opad (one block). */
    final int[] outerState;

    HmacSha256(byte[] key) {
        byte[] block = new byte[Sha256.BLOCK_LENGTH];
        if (key.length > Sha256.BLOCK_LENGTH) {
            System.arraycopy(Sha256.hash(key), 0, block, 0, Sha256.DIGEST_LENGTH);
        } else {
            System.arraycopy(key, 0, block, 0, key.length);
        }
        int[] w = new int[64];
        for (int i = 0; i < block.length; i++) {
            block[i] ^= IPAD;
        }
        innerState = Sha256.initialState();
        Sha256.compress(innerState, block, 0, w);
        for (int i = 0; i < block.length; i++) {
            block[i] ^= IPAD ^ OPAD;
        }
        outerState = Sha256.initialState();
        Sha256.compress(outerState, block, 0, w);
        for (int i = 0; i < block.length; i++) {
            block[i] = 0;
        }
    }

    /**
     * Returns HMAC-SHA256 of {@code data} under {@code key} (any length).
     *
     * @throws NullPointerException if an argument is null
     */
    public static byte[] mac(byte[] key, byte[] data) {
        Objects.requireNonNull(data, "data");
        return mac(key, data, 0, data.length);
    }

    /**
     * Returns HMAC-SHA256 of {@code data[offset, offset + length)} under {@code key}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    public static byte[] mac(byte[] key, byte[] data, int offset, int length) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] out = new byte[MAC_LENGTH];
        new HmacSha256(key).mac(data, offset, length, out, 0);
        return out;
    }

    /** Writes the MAC of {@code data[off, off + len)} to {@code out[outOff..]}. */
    void mac(byte[] data, int off, int len, byte[] out, int outOff) {
        macOfConcatenation(data, off, len, null, 0, 0, out, outOff);
    }

    /** Writes the MAC of the concatenation of two ranges (the second may be null). */
    void macOfConcatenation(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen, byte[] out, int outOff) {
        Sha256 inner = new Sha256(innerState, 1);
        inner.update(a, aOff, aLen);
        if (b != null) {
            inner.update(b, bOff, bLen);
        }
        byte[] innerDigest = new byte[Sha256.DIGEST_LENGTH];
        inner.finish(innerDigest, 0);
        Sha256 outer = new Sha256(outerState, 1);
        outer.update(innerDigest, 0, innerDigest.length);
        outer.finish(out, outOff);
    }
}
