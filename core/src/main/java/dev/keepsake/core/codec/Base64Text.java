package dev.keepsake.core.codec;

/**
 * RFC 4648 base64 (standard alphabet, with padding) for byte arrays in JSON, as Jackson writes
 * them. Own code rather than {@code java.util.Base64} so that decoding errors are the codecs'
 * own and behave the same on every platform.
 */
final class Base64Text {
    private static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final byte[] ALPHABET = new byte[64];
    private static final byte[] VALUES = new byte[128];

    static {
        for (int i = 0; i < 64; i++) {
            ALPHABET[i] = (byte) CHARS.charAt(i);
        }
        for (int i = 0; i < 128; i++) {
            VALUES[i] = -1;
        }
        for (int i = 0; i < 64; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private Base64Text() {
    }

    static int encodedLength(int n) {
        return (n + 2) / 3 * 4;
    }

    /** Writes the base64 text of data at pos; returns the end. */
    static int encode(byte[] data, byte[] out, int pos) {
        int i = 0;
        int n = data.length;
        for (; i + 3 <= n; i += 3) {
            int v = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
            out[pos++] = ALPHABET[v >>> 18];
            out[pos++] = ALPHABET[(v >>> 12) & 63];
            out[pos++] = ALPHABET[(v >>> 6) & 63];
            out[pos++] = ALPHABET[v & 63];
        }
        if (n - i == 1) {
            int v = (data[i] & 0xFF) << 16;
            out[pos++] = ALPHABET[v >>> 18];
            out[pos++] = ALPHABET[(v >>> 12) & 63];
            out[pos++] = '=';
            out[pos++] = '=';
        } else if (n - i == 2) {
            int v = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8;
            out[pos++] = ALPHABET[v >>> 18];
            out[pos++] = ALPHABET[(v >>> 12) & 63];
            out[pos++] = ALPHABET[(v >>> 6) & 63];
            out[pos++] = '=';
        }
        return pos;
    }

    /**
     * Decodes base64 text held in chars.
     *
     * @throws CodecFailure (at the given position) if the text is not padded base64
     */
    static byte[] decode(String text, int position) {
        int n = text.length();
        if (n % 4 != 0) {
            throw new CodecFailure("base64 length is not a multiple of 4", position);
        }
        int pad = n == 0 ? 0 : text.charAt(n - 1) == '=' ? (text.charAt(n - 2) == '=' ? 2 : 1) : 0;
        byte[] out = new byte[n / 4 * 3 - pad];
        int o = 0;
        for (int i = 0; i < n; i += 4) {
            int v = 0;
            for (int j = 0; j < 4; j++) {
                char c = text.charAt(i + j);
                int d;
                if (c == '=' && i + 4 == n && j >= 4 - pad) {
                    d = 0;
                } else {
                    d = c < 128 ? VALUES[c] : -1;
                    if (d < 0) {
                        throw new CodecFailure("invalid base64 character", position);
                    }
                }
                v = v << 6 | d;
            }
            out[o++] = (byte) (v >>> 16);
            if (o < out.length) {
                out[o++] = (byte) (v >>> 8);
            }
            if (o < out.length) {
                out[o++] = (byte) v;
            }
        }
        return out;
    }
}
