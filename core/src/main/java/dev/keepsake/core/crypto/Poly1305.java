package dev.keepsake.core.crypto;

/**
 * The Poly1305 one-time authenticator of RFC 8439 section 2.5, incremental. Package-private:
 * {@link ChaCha20Poly1305} is the supported use; a Poly1305 key must never authenticate two
 * messages.
 *
 * <p>Arithmetic modulo 2^130 - 5 uses ten 13-bit limbs in {@code int}s, because TeaVM compiles
 * {@code long} to a slow BigInt in JavaScript and 26-bit limbs would need 64-bit products. With
 * the accumulator normalised below 2^13 + 2^9 per limb before each multiplication and r clamped
 * as the RFC requires, every column sum stays below 2^32 (at most about 2^31.3, reached in
 * column 0), so it is exact when read as unsigned; carries therefore use {@code >>>}. There are
 * no branches or table look-ups on secret data.
 */
final class Poly1305 {

    static final int KEY_LENGTH = 32;
    static final int TAG_LENGTH = 16;

    private static final int MASK = 0x1fff;
    /** 2^128 expressed in limb 9 (bits 117..129): the bit appended to every full block. */
    private static final int HIBIT = 1 << 11;

    private final int r0, r1, r2, r3, r4, r5, r6, r7, r8, r9;
    /** 5 * r_i: limbs that wrap past 2^130 come back multiplied by 5 (2^130 = 5 mod p). */
    private final int s1, s2, s3, s4, s5, s6, s7, s8, s9;
    private final int p0, p1, p2, p3, p4, p5, p6, p7; // s in 16-bit words

    private int h0, h1, h2, h3, h4, h5, h6, h7, h8, h9;
    private final byte[] buffer = new byte[16];
    private int buffered;
    private boolean finished;

    /** Starts a MAC keyed with the 32 bytes {@code key[off, off + 32)} (r then s). */
    Poly1305(byte[] key, int off) {
        int t0 = u16(key, off);
        int t1 = u16(key, off + 2);
        int t2 = u16(key, off + 4);
        int t3 = u16(key, off + 6);
        int t4 = u16(key, off + 8);
        int t5 = u16(key, off + 10);
        int t6 = u16(key, off + 12);
        int t7 = u16(key, off + 14);
        // Clamp r (bytes 3, 7, 11, 15 &= 15 and 4, 8, 12 &= 252), done on 16-bit words.
        t1 &= 0x0fff;
        t2 &= 0xfffc;
        t3 &= 0x0fff;
        t4 &= 0xfffc;
        t5 &= 0x0fff;
        t6 &= 0xfffc;
        t7 &= 0x0fff;
        r0 = t0 & MASK;
        r1 = ((t0 >>> 13) | (t1 << 3)) & MASK;
        r2 = ((t1 >>> 10) | (t2 << 6)) & MASK;
        r3 = ((t2 >>> 7) | (t3 << 9)) & MASK;
        r4 = ((t3 >>> 4) | (t4 << 12)) & MASK;
        r5 = (t4 >>> 1) & MASK;
        r6 = ((t4 >>> 14) | (t5 << 2)) & MASK;
        r7 = ((t5 >>> 11) | (t6 << 5)) & MASK;
        r8 = ((t6 >>> 8) | (t7 << 8)) & MASK;
        r9 = (t7 >>> 5) & MASK;
        s1 = 5 * r1;
        s2 = 5 * r2;
        s3 = 5 * r3;
        s4 = 5 * r4;
        s5 = 5 * r5;
        s6 = 5 * r6;
        s7 = 5 * r7;
        s8 = 5 * r8;
        s9 = 5 * r9;
        p0 = u16(key, off + 16);
        p1 = u16(key, off + 18);
        p2 = u16(key, off + 20);
        p3 = u16(key, off + 22);
        p4 = u16(key, off + 24);
        p5 = u16(key, off + 26);
        p6 = u16(key, off + 28);
        p7 = u16(key, off + 30);
    }

    /** Returns the tag of {@code message} under the 32-byte one-time {@code key}. */
    static byte[] mac(byte[] key, byte[] message) {
        Poly1305 poly = new Poly1305(key, 0);
        poly.update(message, 0, message.length);
        byte[] tag = new byte[TAG_LENGTH];
        poly.finish(tag, 0);
        return tag;
    }

    /** Absorbs {@code m[off, off + len)}. */
    void update(byte[] m, int off, int len) {
        if (finished) {
            throw new IllegalStateException("Poly1305 already finished");
        }
        if (buffered > 0) {
            int n = Math.min(16 - buffered, len);
            System.arraycopy(m, off, buffer, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered < 16) {
                return;
            }
            block(buffer, 0, HIBIT);
            buffered = 0;
        }
        while (len >= 16) {
            block(m, off, HIBIT);
            off += 16;
            len -= 16;
        }
        if (len > 0) {
            System.arraycopy(m, off, buffer, 0, len);
            buffered = len;
        }
    }

    /**
     * Completes a partial 16-byte block with zero bytes and absorbs it as a full block: the
     * AEAD construction's padding (RFC 8439 section 2.8), not Poly1305's own final-block rule.
     */
    void padToBlock() {
        if (buffered > 0) {
            for (int i = buffered; i < 16; i++) {
                buffer[i] = 0;
            }
            block(buffer, 0, HIBIT);
            buffered = 0;
        }
    }

    /** Writes the 16-byte tag to {@code out[outOff..]}; the instance cannot be used afterwards. */
    void finish(byte[] out, int outOff) {
        if (finished) {
            throw new IllegalStateException("Poly1305 already finished");
        }
        finished = true;
        if (buffered > 0) {
            buffer[buffered] = 1;
            for (int i = buffered + 1; i < 16; i++) {
                buffer[i] = 0;
            }
            block(buffer, 0, 0);
        }
        // Two carry passes leave every limb below 2^13, so h < 2^130 < 2p.
        carry();
        carry();
        // g = h + 5 - 2^130 = h - p; keep g when it is not negative (bit 130 of h + 5 set).
        int g0 = h0 + 5;
        int c = g0 >>> 13;
        g0 &= MASK;
        int g1 = h1 + c;
        c = g1 >>> 13;
        g1 &= MASK;
        int g2 = h2 + c;
        c = g2 >>> 13;
        g2 &= MASK;
        int g3 = h3 + c;
        c = g3 >>> 13;
        g3 &= MASK;
        int g4 = h4 + c;
        c = g4 >>> 13;
        g4 &= MASK;
        int g5 = h5 + c;
        c = g5 >>> 13;
        g5 &= MASK;
        int g6 = h6 + c;
        c = g6 >>> 13;
        g6 &= MASK;
        int g7 = h7 + c;
        c = g7 >>> 13;
        g7 &= MASK;
        int g8 = h8 + c;
        c = g8 >>> 13;
        g8 &= MASK;
        int g9 = h9 + c;
        int useG = -(g9 >>> 13); // all ones when h >= p
        g9 &= MASK;
        int useH = ~useG;
        int f0 = (h0 & useH) | (g0 & useG);
        int f1 = (h1 & useH) | (g1 & useG);
        int f2 = (h2 & useH) | (g2 & useG);
        int f3 = (h3 & useH) | (g3 & useG);
        int f4 = (h4 & useH) | (g4 & useG);
        int f5 = (h5 & useH) | (g5 & useG);
        int f6 = (h6 & useH) | (g6 & useG);
        int f7 = (h7 & useH) | (g7 & useG);
        int f8 = (h8 & useH) | (g8 & useG);
        int f9 = (h9 & useH) | (g9 & useG);
        // Repack into 16-bit words (mod 2^128) and add s.
        int w = (f0 | (f1 << 13)) & 0xffff;
        int acc = w + p0;
        writeU16(out, outOff, acc);
        w = ((f1 >>> 3) | (f2 << 10)) & 0xffff;
        acc = w + p1 + (acc >>> 16);
        writeU16(out, outOff + 2, acc);
        w = ((f2 >>> 6) | (f3 << 7)) & 0xffff;
        acc = w + p2 + (acc >>> 16);
        writeU16(out, outOff + 4, acc);
        w = ((f3 >>> 9) | (f4 << 4)) & 0xffff;
        acc = w + p3 + (acc >>> 16);
        writeU16(out, outOff + 6, acc);
        w = ((f4 >>> 12) | (f5 << 1) | (f6 << 14)) & 0xffff;
        acc = w + p4 + (acc >>> 16);
        writeU16(out, outOff + 8, acc);
        w = ((f6 >>> 2) | (f7 << 11)) & 0xffff;
        acc = w + p5 + (acc >>> 16);
        writeU16(out, outOff + 10, acc);
        w = ((f7 >>> 5) | (f8 << 8)) & 0xffff;
        acc = w + p6 + (acc >>> 16);
        writeU16(out, outOff + 12, acc);
        w = ((f8 >>> 8) | (f9 << 5)) & 0xffff;
        acc = w + p7 + (acc >>> 16);
        writeU16(out, outOff + 14, acc);
        h0 = h1 = h2 = h3 = h4 = h5 = h6 = h7 = h8 = h9 = 0;
        for (int i = 0; i < 16; i++) {
            buffer[i] = 0;
        }
    }

    /** h = (h + m + hibit * 2^128) * r mod p, partially reduced. */
    private void block(byte[] m, int o, int hibit) {
        int t0 = u16(m, o);
        int t1 = u16(m, o + 2);
        int t2 = u16(m, o + 4);
        int t3 = u16(m, o + 6);
        int t4 = u16(m, o + 8);
        int t5 = u16(m, o + 10);
        int t6 = u16(m, o + 12);
        int t7 = u16(m, o + 14);
        h0 += t0 & MASK;
        h1 += ((t0 >>> 13) | (t1 << 3)) & MASK;
        h2 += ((t1 >>> 10) | (t2 << 6)) & MASK;
        h3 += ((t2 >>> 7) | (t3 << 9)) & MASK;
        h4 += ((t3 >>> 4) | (t4 << 12)) & MASK;
        h5 += (t4 >>> 1) & MASK;
        h6 += ((t4 >>> 14) | (t5 << 2)) & MASK;
        h7 += ((t5 >>> 11) | (t6 << 5)) & MASK;
        h8 += ((t6 >>> 8) | (t7 << 8)) & MASK;
        h9 += (t7 >>> 5) | hibit;
        carry();
        int x0 = h0, x1 = h1, x2 = h2, x3 = h3, x4 = h4, x5 = h5, x6 = h6, x7 = h7, x8 = h8, x9 = h9;
        int d0 = x0 * r0 + x1 * s9 + x2 * s8 + x3 * s7 + x4 * s6 + x5 * s5 + x6 * s4 + x7 * s3 + x8 * s2 + x9 * s1;
        int d1 = x0 * r1 + x1 * r0 + x2 * s9 + x3 * s8 + x4 * s7 + x5 * s6 + x6 * s5 + x7 * s4 + x8 * s3 + x9 * s2;
        int d2 = x0 * r2 + x1 * r1 + x2 * r0 + x3 * s9 + x4 * s8 + x5 * s7 + x6 * s6 + x7 * s5 + x8 * s4 + x9 * s3;
        int d3 = x0 * r3 + x1 * r2 + x2 * r1 + x3 * r0 + x4 * s9 + x5 * s8 + x6 * s7 + x7 * s6 + x8 * s5 + x9 * s4;
        int d4 = x0 * r4 + x1 * r3 + x2 * r2 + x3 * r1 + x4 * r0 + x5 * s9 + x6 * s8 + x7 * s7 + x8 * s6 + x9 * s5;
        int d5 = x0 * r5 + x1 * r4 + x2 * r3 + x3 * r2 + x4 * r1 + x5 * r0 + x6 * s9 + x7 * s8 + x8 * s7 + x9 * s6;
        int d6 = x0 * r6 + x1 * r5 + x2 * r4 + x3 * r3 + x4 * r2 + x5 * r1 + x6 * r0 + x7 * s9 + x8 * s8 + x9 * s7;
        int d7 = x0 * r7 + x1 * r6 + x2 * r5 + x3 * r4 + x4 * r3 + x5 * r2 + x6 * r1 + x7 * r0 + x8 * s9 + x9 * s8;
        int d8 = x0 * r8 + x1 * r7 + x2 * r6 + x3 * r5 + x4 * r4 + x5 * r3 + x6 * r2 + x7 * r1 + x8 * r0 + x9 * s9;
        int d9 = x0 * r9 + x1 * r8 + x2 * r7 + x3 * r6 + x4 * r5 + x5 * r4 + x6 * r3 + x7 * r2 + x8 * r1 + x9 * r0;
        int c = d0 >>> 13;
        h0 = d0 & MASK;
        d1 += c;
        c = d1 >>> 13;
        h1 = d1 & MASK;
        d2 += c;
        c = d2 >>> 13;
        h2 = d2 & MASK;
        d3 += c;
        c = d3 >>> 13;
        h3 = d3 & MASK;
        d4 += c;
        c = d4 >>> 13;
        h4 = d4 & MASK;
        d5 += c;
        c = d5 >>> 13;
        h5 = d5 & MASK;
        d6 += c;
        c = d6 >>> 13;
        h6 = d6 & MASK;
        d7 += c;
        c = d7 >>> 13;
        h7 = d7 & MASK;
        d8 += c;
        c = d8 >>> 13;
        h8 = d8 & MASK;
        d9 += c;
        c = d9 >>> 13;
        h9 = d9 & MASK;
        h0 += 5 * c;
        c = h0 >>> 13;
        h0 &= MASK;
        h1 += c;
    }

    /** One carry pass over all limbs, folding the carry out of limb 9 back in times 5. */
    private void carry() {
        int c = h0 >>> 13;
        h0 &= MASK;
        h1 += c;
        c = h1 >>> 13;
        h1 &= MASK;
        h2 += c;
        c = h2 >>> 13;
        h2 &= MASK;
        h3 += c;
        c = h3 >>> 13;
        h3 &= MASK;
        h4 += c;
        c = h4 >>> 13;
        h4 &= MASK;
        h5 += c;
        c = h5 >>> 13;
        h5 &= MASK;
        h6 += c;
        c = h6 >>> 13;
        h6 &= MASK;
        h7 += c;
        c = h7 >>> 13;
        h7 &= MASK;
        h8 += c;
        c = h8 >>> 13;
        h8 &= MASK;
        h9 += c;
        c = h9 >>> 13;
        h9 &= MASK;
        h0 += 5 * c;
        c = h0 >>> 13;
        h0 &= MASK;
        h1 += c;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static void writeU16(byte[] out, int i, int v) {
        out[i] = (byte) v;
        out[i + 1] = (byte) (v >>> 8);
    }
}
