package dev.keepsake.core.codec;

/**
 * Strict UTF-8, written here because the JDK's decoder silently replaces malformed input with
 * U+FFFD, which would turn damaged data into a different value instead of an error. Rejects
 * overlong forms, encoded surrogates, code points above U+10FFFF and truncated sequences; on
 * encoding, rejects unpaired surrogates (they have no UTF-8 form).
 */
final class Utf8 {
    private Utf8() {
    }

    /** Returns the number of bytes s takes in UTF-8. */
    static int encodedLength(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (Character.isSurrogate(c)) {
                    if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw unpaired(i);
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

    /** Encodes s at pos (the caller made room for encodedLength(s) bytes); returns the end. */
    static int encode(String s, byte[] out, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw unpaired(i);
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[pos++] = (byte) (0xF0 | (cp >> 18));
                out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
    }

    /**
     * Decodes the multi-byte sequence starting at pos (whose lead byte is 0x80 or above) and
     * returns its code point; its length is {@link #sequenceLength} of the lead byte.
     *
     * @throws CodecFailure if the sequence is malformed or runs past end
     */
    static int decodeAt(byte[] in, int pos, int end) {
        int b0 = in[pos] & 0xFF;
        int len = sequenceLength(b0);
        if (len == 0) {
            throw new CodecFailure("invalid UTF-8 lead byte", pos);
        }
        if (pos + len > end) {
            throw new CodecFailure("truncated UTF-8 sequence", pos);
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
            throw new CodecFailure("invalid UTF-8 sequence", pos);
        }
        if (len == 2) {
            return ((b0 & 0x1F) << 6) | (b1 & 0x3F);
        }
        int b2 = in[pos + 2] & 0xFF;
        if ((b2 & 0xC0) != 0x80) {
            throw new CodecFailure("invalid UTF-8 sequence", pos);
        }
        if (len == 3) {
            return ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
        }
        int b3 = in[pos + 3] & 0xFF;
        if ((b3 & 0xC0) != 0x80) {
            throw new CodecFailure("invalid UTF-8 sequence", pos);
        }
        return ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
    }

    /** Returns the length of the sequence a lead byte starts, or 0 if it cannot start one. */
    static int sequenceLength(int lead) {
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

    /** Decodes exactly len bytes at off. */
    static String decode(byte[] in, int off, int len) {
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

    private static CodecFailure unpaired(int index) {
        return new CodecFailure("unpaired surrogate at char " + index + " cannot be encoded", -1);
    }
}
