package dev.keepsake.core.internal;

/**
 * The core's one UTF-8 encoder and decoder, written here for two reasons: the JDK's decoder
 * silently replaces malformed input with U+FFFD (which would turn damaged data into a different
 * value instead of an error), and its encoder writes an unpaired surrogate as {@code '?'} where
 * the browser's {@code TextEncoder} writes U+FFFD (which would make envelope checksums and
 * passphrase bytes differ between platforms). It also keeps the JDK's charsets out of the
 * browser build.
 *
 * <p>Decoding is strict: overlong forms, encoded surrogates, code points above U+10FFFF and
 * truncated sequences are malformed. Encoding writes an unpaired surrogate as U+FFFD, as
 * {@code TextEncoder} does; callers that must refuse one instead (codecs, key validation) find it
 * with {@link #encodedLength} first. Stateless and thread-safe.
 */
public final class Utf8 {

    /** {@link #decodeAt}: the byte cannot start a sequence. */
    public static final int INVALID_LEAD = -1;
    /** {@link #decodeAt}: the sequence runs past the end of the input. */
    public static final int TRUNCATED = -2;
    /** {@link #decodeAt}: a continuation byte is out of range. */
    public static final int INVALID_SEQUENCE = -3;

    private Utf8() {
    }

    /**
     * Returns the number of bytes {@code s} takes in UTF-8, or {@code -1 - i} if the char at
     * {@code i} is the first unpaired surrogate (which has no UTF-8 form: {@link #encode} writes
     * U+FFFD in its place).
     */
    public static int encodedLength(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (Character.isSurrogate(c)) {
                    if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return -1 - i;
                    }
                    bytes += 2; // 4 bytes for 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Returns {@code s} in UTF-8, each unpaired surrogate as U+FFFD. */
    public static byte[] encode(String s) {
        int length = encodedLength(s);
        if (length >= 0) {
            // Sized first, then filled: no copy. In the JS build a copy out of a small array
            // makes V8 move that array off its heap first, which costs more than a second pass.
            byte[] out = new byte[length];
            encode(s, out, 0);
            return out;
        }
        byte[] out = new byte[s.length() * 3];
        int end = encode(s, out, 0);
        byte[] exact = new byte[end];
        System.arraycopy(out, 0, exact, 0, end);
        return exact;
    }

    /**
     * Encodes {@code s} at {@code pos}, each unpaired surrogate as U+FFFD, and returns the end;
     * the caller made room ({@link #encodedLength}, or 3 bytes a char).
     */
    public static int encode(String s, byte[] out, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                pos = encodeCodePoint(Character.toCodePoint(c, s.charAt(++i)), out, pos);
            } else {
                pos = encodeCodePoint(Character.isSurrogate(c) ? 0xFFFD : c, out, pos);
            }
        }
        return pos;
    }

    /** Writes the code point {@code cp} (not a surrogate) at {@code pos}; returns the end. */
    public static int encodeCodePoint(int cp, byte[] out, int pos) {
        if (cp < 0x80) {
            out[pos++] = (byte) cp;
        } else if (cp < 0x800) {
            out[pos++] = (byte) (0xC0 | (cp >> 6));
            out[pos++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[pos++] = (byte) (0xE0 | (cp >> 12));
            out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[pos++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            out[pos++] = (byte) (0xF0 | (cp >> 18));
            out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[pos++] = (byte) (0x80 | (cp & 0x3F));
        }
        return pos;
    }

    /** Returns the length of the sequence a lead byte starts, or 0 if it cannot start one. */
    public static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead < 0xC2) {
            return 0;
        }
        if (lead < 0xE0) {
            return 2;
        }
        if (lead < 0xF0) {
            return 3;
        }
        return lead < 0xF5 ? 4 : 0;
    }

    /**
     * Decodes the sequence starting at {@code pos} and returns its code point, or
     * {@link #INVALID_LEAD}, {@link #TRUNCATED} (it runs past {@code end}) or
     * {@link #INVALID_SEQUENCE}; its length is {@link #sequenceLength} of the lead byte.
     */
    public static int decodeAt(byte[] in, int pos, int end) {
        int b0 = in[pos] & 0xFF;
        int len = sequenceLength(b0);
        if (len == 0) {
            return INVALID_LEAD;
        }
        if (len == 1) {
            return b0;
        }
        if (pos + len > end) {
            return TRUNCATED;
        }
        int b1 = in[pos + 1] & 0xFF;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 == 0xE0) {
            lo = 0xA0;
        } else if (b0 == 0xED) {
            hi = 0x9F;
        } else if (b0 == 0xF0) {
            lo = 0x90;
        } else if (b0 == 0xF4) {
            hi = 0x8F;
        }
        if (b1 < lo || b1 > hi) {
            return INVALID_SEQUENCE;
        }
        if (len == 2) {
            return ((b0 & 0x1F) << 6) | (b1 & 0x3F);
        }
        int b2 = in[pos + 2] & 0xFF;
        if ((b2 & 0xC0) != 0x80) {
            return INVALID_SEQUENCE;
        }
        if (len == 3) {
            return ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
        }
        int b3 = in[pos + 3] & 0xFF;
        if ((b3 & 0xC0) != 0x80) {
            return INVALID_SEQUENCE;
        }
        return ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
    }

    /**
     * Decodes exactly {@code len} bytes at {@code off}, or returns null if they are not
     * well-formed UTF-8 ({@link #malformedAt} says where).
     */
    public static String decode(byte[] in, int off, int len) {
        char[] chars = new char[len];
        int n = 0;
        int end = off + len;
        int i = off;
        while (i < end) {
            int b = in[i];
            if (b >= 0) {
                chars[n++] = (char) b;
                i++;
            } else {
                int cp = decodeAt(in, i, end);
                if (cp < 0) {
                    return null;
                }
                i += sequenceLength(b & 0xFF);
                if (cp >= 0x10000) {
                    chars[n++] = Character.highSurrogate(cp);
                    chars[n++] = Character.lowSurrogate(cp);
                } else {
                    chars[n++] = (char) cp;
                }
            }
        }
        return new String(chars, 0, n);
    }

    /** Returns the offset of the first malformed sequence in {@code len} bytes at {@code off}, or -1. */
    public static int malformedAt(byte[] in, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; ) {
            if (decodeAt(in, i, end) < 0) {
                return i;
            }
            i += sequenceLength(in[i] & 0xFF);
        }
        return -1;
    }
}
