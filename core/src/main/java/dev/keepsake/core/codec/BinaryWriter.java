package dev.keepsake.core.codec;

import dev.keepsake.core.internal.Utf8;

/** Writes the compact binary format (see {@link Serializers#binary}) into a growing buffer. */
final class BinaryWriter {
    private final int maxDepth;
    private byte[] buf = new byte[128];
    private int pos;
    private int depth;

    BinaryWriter(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    void enter() {
        if (++depth > maxDepth) {
            throw new CodecFailure("value nests deeper than " + maxDepth + " levels", -1);
        }
    }

    void exit() {
        depth--;
    }

    void writeByte(int b) {
        if (pos == buf.length) {
            grow(1);
        }
        buf[pos++] = (byte) b;
    }

    /** Writes v as an unsigned 32-bit LEB128 varint. */
    void writeVarint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void writeZigZag(int v) {
        writeVarint((v << 1) ^ (v >> 31));
    }

    /** Writes v as an unsigned 64-bit LEB128 varint. */
    void writeVarLong(long v) {
        if ((v & ~0x7FFFFFFFL) == 0) {
            writeVarint((int) v); // int arithmetic: cheaper where long is emulated
            return;
        }
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void writeZigZagLong(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    void writeDouble(double value) {
        long bits = Double.doubleToLongBits(value);
        int lo = (int) bits;
        int hi = (int) (bits >>> 32);
        ensure(8);
        buf[pos++] = (byte) lo;
        buf[pos++] = (byte) (lo >>> 8);
        buf[pos++] = (byte) (lo >>> 16);
        buf[pos++] = (byte) (lo >>> 24);
        buf[pos++] = (byte) hi;
        buf[pos++] = (byte) (hi >>> 8);
        buf[pos++] = (byte) (hi >>> 16);
        buf[pos++] = (byte) (hi >>> 24);
    }

    void writeString(String s) {
        int n = Utf8.encodedLength(s);
        if (n < 0) {
            throw CodecFailure.unpairedSurrogate(-1 - n);
        }
        writeVarint(n);
        ensure(n);
        pos = Utf8.encode(s, buf, pos);
    }

    void writeBytes(byte[] data) {
        writeVarint(data.length);
        ensure(data.length);
        System.arraycopy(data, 0, buf, pos, data.length);
        pos += data.length;
    }

    byte[] toByteArray() {
        byte[] out = new byte[pos];
        System.arraycopy(buf, 0, out, 0, pos);
        return out;
    }

    private void ensure(int extra) {
        if (buf.length - pos < extra) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        byte[] grown = new byte[Math.max(buf.length * 2, pos + extra)];
        System.arraycopy(buf, 0, grown, 0, pos);
        buf = grown;
    }
}
