package dev.keepsake.core.codec;

import dev.keepsake.core.internal.Utf8;

/**
 * Writes compact JSON (no whitespace) as UTF-8 into a growing buffer. Escapes exactly what
 * Jackson escapes — {@code "}, {@code \}, and control characters ({@code \b \f \n \r \t}, else
 * {@code \}{@code u00XX} with upper-case hex) — and writes every other character as UTF-8, so the
 * two produce the same bytes.
 */
final class JsonWriter {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final int maxDepth;
    private byte[] buf = new byte[256];
    private int pos;
    private int depth;

    JsonWriter(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Returns the pre-encoded {@code "name":} for a member name. */
    static byte[] memberPrefix(String name) {
        JsonWriter w = new JsonWriter(1);
        w.string(name);
        w.raw((byte) ':');
        return w.toByteArray();
    }

    void enter() {
        if (++depth > maxDepth) {
            throw new CodecFailure("value nests deeper than " + maxDepth + " levels", -1);
        }
    }

    void exit() {
        depth--;
    }

    void raw(byte b) {
        if (pos == buf.length) {
            grow(1);
        }
        buf[pos++] = b;
    }

    void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    void nullValue() {
        raw(NULL);
    }

    void booleanValue(boolean value) {
        raw(value ? TRUE : FALSE);
    }

    void intValue(int value) {
        ensure(11);
        if (value < 0) {
            if (value == Integer.MIN_VALUE) {
                longValue(value);
                return;
            }
            buf[pos++] = '-';
            value = -value;
        }
        pos = DoubleText.putInt(buf, pos, value);
    }

    void longValue(long value) {
        if (value >= Integer.MIN_VALUE + 1 && value <= Integer.MAX_VALUE) {
            intValue((int) value);
            return;
        }
        ensure(20);
        // digits of the magnitude, computed on the negative side so Long.MIN_VALUE works
        long v = value < 0 ? value : -value;
        if (value < 0) {
            buf[pos++] = '-';
        }
        byte[] digits = new byte[19];
        int n = 0;
        while (v != 0) {
            digits[n++] = (byte) ('0' - (int) (v % 10));
            v /= 10;
        }
        while (n > 0) {
            buf[pos++] = digits[--n];
        }
    }

    void doubleValue(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            // Spelled out: "" + value would pull TeaVM's double formatting (~3 KB brotli) into the browser build.
            throw new CodecFailure("JSON cannot represent " + (Double.isNaN(value) ? "NaN"
                    : value > 0 ? "Infinity" : "-Infinity"), -1);
        }
        ensure(32);
        pos = DoubleText.format(value, buf, pos);
    }

    void numberText(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buf[pos++] = (byte) text.charAt(i);
        }
    }

    void bytesValue(byte[] data) {
        ensure(Base64Text.encodedLength(data.length) + 2);
        buf[pos++] = '"';
        pos = Base64Text.encode(data, buf, pos);
        buf[pos++] = '"';
    }

    void string(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                } else {
                    b[p++] = '\\';
                    switch (c) {
                        case '"' -> b[p++] = '"';
                        case '\\' -> b[p++] = '\\';
                        case '\b' -> b[p++] = 'b';
                        case '\f' -> b[p++] = 'f';
                        case '\n' -> b[p++] = 'n';
                        case '\r' -> b[p++] = 'r';
                        case '\t' -> b[p++] = 't';
                        default -> {
                            b[p++] = 'u';
                            b[p++] = '0';
                            b[p++] = '0';
                            b[p++] = HEX[c >> 4];
                            b[p++] = HEX[c & 15];
                        }
                    }
                }
            } else if (!Character.isSurrogate(c)) {
                p = Utf8.encodeCodePoint(c, b, p);
            } else {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new CodecFailure("unpaired surrogate at char " + i + " cannot be written as JSON", -1);
                }
                p = Utf8.encodeCodePoint(Character.toCodePoint(c, s.charAt(++i)), b, p);
            }
        }
        b[p++] = '"';
        pos = p;
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
        int capacity = Math.max(buf.length * 2, pos + extra);
        byte[] grown = new byte[capacity];
        System.arraycopy(buf, 0, grown, 0, pos);
        buf = grown;
    }
}
