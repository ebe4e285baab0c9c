package dev.keepsake.browser.storage;

/**
 * Standard Base64 (RFC 4648 section 4, with padding) between bytes and text, for
 * localStorage, which holds only strings.
 *
 * <p>Written here rather than taken from {@code java.util.Base64} because that class goes
 * through {@code String(byte[], Charset)}, which pulls TeaVM's charset and NIO buffer classes
 * (several kilobytes) into the browser build. Decoding is strict: anything but canonical
 * padded Base64 is rejected, so a value mangled by other code is reported, not misread.
 */
final class Base64Text {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private Base64Text() {
    }

    /** Returns the padded Base64 text of {@code bytes}. */
    static String encode(byte[] bytes) {
        int n = bytes.length;
        char[] out = new char[(n + 2) / 3 * 4];
        int o = 0;
        int i = 0;
        for (; i + 2 < n; i += 3) {
            int v = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | bytes[i + 2] & 0xff;
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[v >>> 12 & 63];
            out[o++] = ALPHABET[v >>> 6 & 63];
            out[o++] = ALPHABET[v & 63];
        }
        if (i < n) {
            int v = (bytes[i] & 0xff) << 16 | (i + 1 < n ? (bytes[i + 1] & 0xff) << 8 : 0);
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[v >>> 12 & 63];
            out[o++] = i + 1 < n ? ALPHABET[v >>> 6 & 63] : '=';
            out[o] = '=';
        }
        return new String(out);
    }

    /**
     * Returns the bytes of padded Base64 {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not canonical padded Base64
     */
    static byte[] decode(String text) {
        int n = text.length();
        if (n % 4 != 0) {
            throw new IllegalArgumentException("length " + n + " is not a multiple of 4");
        }
        int padding = n == 0 ? 0 : text.charAt(n - 1) != '=' ? 0 : text.charAt(n - 2) == '=' ? 2 : 1;
        byte[] out = new byte[n / 4 * 3 - padding];
        int o = 0;
        for (int i = 0; i < n; i += 4) {
            boolean last = i + 4 == n;
            int c2 = last && padding == 2 ? 0 : sextet(text, i + 2);
            int c3 = last && padding >= 1 ? 0 : sextet(text, i + 3);
            int v = sextet(text, i) << 18 | sextet(text, i + 1) << 12 | c2 << 6 | c3;
            out[o++] = (byte) (v >>> 16);
            if (o < out.length) {
                out[o++] = (byte) (v >>> 8);
            }
            if (o < out.length) {
                out[o++] = (byte) v;
            }
            if (last && padding > 0 && (v & (padding == 2 ? 0xffff : 0xff)) != 0) {
                throw new IllegalArgumentException("non-zero bits in the padding");
            }
        }
        return out;
    }

    private static int sextet(String text, int index) {
        char c = text.charAt(index);
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        throw new IllegalArgumentException("invalid character at index " + index);
    }
}
