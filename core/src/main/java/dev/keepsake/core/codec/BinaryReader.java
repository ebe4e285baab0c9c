package dev.keepsake.core.codec;

import dev.keepsake.core.internal.Utf8;

/**
 * Reads the compact binary format. Every length is checked against the bytes that remain
 * before anything is allocated, varints must be minimal and in range, and nesting is capped, so
 * damaged input fails with a {@link CodecFailure} instead of exhausting memory or the stack.
 *
 * <p>Two budgets span the whole value, since a check per list does not bound nested lists:
 * collections are pre-sized from {@link #reserve} out of one budget the size of the input (so
 * a count can never buy more slots than there are bytes, however deeply lists nest), and
 * elements that took no input bytes at all are counted against {@link #MAX_EMPTY_ELEMENTS}
 * (so decoding work stays proportional to the input plus that constant).
 */
final class BinaryReader {
    /** Upper bound on elements that take no bytes at all (field-less records), in a whole value. */
    static final int MAX_EMPTY_ELEMENTS = 1 << 20;

    private final byte[] in;
    private final int end;
    /** Where the input starts in {@code in}: positions in errors are counted from here. */
    private final int base;
    private final int maxDepth;
    private int pos;
    private int depth;
    /** Collection slots still to be pre-sized; starts at the input length. */
    private int reservable;
    /** Elements without bytes still allowed. */
    private int emptyLeft = MAX_EMPTY_ELEMENTS;

    BinaryReader(byte[] in, int maxDepth) {
        this(in, 0, in.length, maxDepth);
    }

    /** Reads {@code in[offset, offset + length)}; positions are counted from {@code offset}. */
    BinaryReader(byte[] in, int offset, int length, int maxDepth) {
        this.in = in;
        this.base = offset;
        this.pos = offset;
        this.end = offset + length;
        this.maxDepth = maxDepth;
        this.reservable = length;
    }

    /**
     * Returns the capacity to pre-size a collection of {@code count} checked elements with:
     * {@code count}, as far as the value's budget of one slot per input byte allows.
     */
    int reserve(int count) {
        int capacity = Math.min(count, reservable);
        reservable -= capacity;
        return capacity;
    }

    /** Counts one element that took no input bytes; fails once the value has had too many. */
    void countEmpty() {
        if (--emptyLeft < 0) {
            throw error("more than " + MAX_EMPTY_ELEMENTS + " elements without bytes in one value");
        }
    }

    CodecFailure error(String problem) {
        return new CodecFailure(problem, pos - base);
    }

    int position() {
        return pos - base;
    }

    int remaining() {
        return end - pos;
    }

    void enter() {
        if (++depth > maxDepth) {
            throw error("data nests deeper than " + maxDepth + " levels");
        }
    }

    void exit() {
        depth--;
    }

    void finish() {
        if (pos != end) {
            throw error((end - pos) + " unexpected bytes after the value");
        }
    }

    int readByte() {
        if (pos >= end) {
            throw error("unexpected end of input");
        }
        return in[pos++] & 0xFF;
    }

    boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            pos--;
            throw error("invalid boolean byte " + b);
        }
        return b == 1;
    }

    /** Reads an unsigned 32-bit varint. */
    int readVarint() {
        int start = pos;
        int b = readByte();
        if (b < 0x80) {
            return b;
        }
        int v = b & 0x7F;
        for (int shift = 7; ; shift += 7) {
            b = readByte();
            if (shift == 28 && b > 0x0F) {
                pos = start;
                throw error("varint exceeds 32 bits");
            }
            v |= (b & 0x7F) << shift;
            if (b < 0x80) {
                if (b == 0) {
                    pos = start;
                    throw error("varint is not minimally encoded");
                }
                return v;
            }
        }
    }

    int readZigZag() {
        int u = readVarint();
        return (u >>> 1) ^ -(u & 1);
    }

    /** Reads an unsigned 64-bit varint. */
    long readVarLong() {
        int start = pos;
        int b = readByte();
        if (b < 0x80) {
            return b;
        }
        long v = b & 0x7F;
        for (int shift = 7; ; shift += 7) {
            b = readByte();
            if (shift == 63 && b > 0x01) {
                pos = start;
                throw error("varint exceeds 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                if (b == 0) {
                    pos = start;
                    throw error("varint is not minimally encoded");
                }
                return v;
            }
        }
    }

    long readZigZagLong() {
        long u = readVarLong();
        return (u >>> 1) ^ -(u & 1);
    }

    /**
     * Reads an element count or byte length and checks it against the remaining input, given
     * the least number of bytes one element takes.
     */
    int readLength(int minElementSize) {
        int start = pos;
        int n = readVarint();
        boolean fits;
        if (n < 0) {
            fits = false;
        } else if (minElementSize == 0) {
            fits = n <= MAX_EMPTY_ELEMENTS;
        } else {
            fits = n <= remaining() / minElementSize;
        }
        if (!fits) {
            pos = start;
            throw error("length " + (n & 0xFFFFFFFFL) + " exceeds the remaining input");
        }
        return n;
    }

    double readDouble() {
        if (end - pos < 8) {
            throw error("unexpected end of input");
        }
        int lo = (in[pos] & 0xFF) | (in[pos + 1] & 0xFF) << 8 | (in[pos + 2] & 0xFF) << 16 | in[pos + 3] << 24;
        int hi = (in[pos + 4] & 0xFF) | (in[pos + 5] & 0xFF) << 8 | (in[pos + 6] & 0xFF) << 16 | in[pos + 7] << 24;
        pos += 8;
        return Double.longBitsToDouble(((long) hi << 32) | (lo & 0xFFFFFFFFL));
    }

    String readString() {
        int n = readLength(1);
        int start = pos;
        pos += n;
        String s = Utf8.decode(in, start, n);
        if (s == null) {
            int at = Utf8.malformedAt(in, start, n);
            throw CodecFailure.malformedUtf8(Utf8.decodeAt(in, at, start + n), at);
        }
        return s;
    }

    byte[] readBytes() {
        int n = readLength(1);
        byte[] out = new byte[n];
        System.arraycopy(in, pos, out, 0, n);
        pos += n;
        return out;
    }
}
