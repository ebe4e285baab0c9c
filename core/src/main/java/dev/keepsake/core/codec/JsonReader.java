package dev.keepsake.core.codec;

import dev.keepsake.core.internal.Utf8;

/**
 * A strict RFC 8259 pull reader over UTF-8 bytes. Accepts exactly the JSON grammar: no
 * comments, no trailing commas, no leading zeros, no byte-order mark, no unescaped control
 * characters, no unpaired surrogates (escaped or encoded), no invalid UTF-8. Nesting beyond the
 * configured depth fails instead of exhausting the stack. Every failure is a {@link
 * CodecFailure} carrying the byte offset where the input stopped making sense.
 */
final class JsonReader {
    static final int END = -2;
    static final int UNKNOWN = -1;

    private final byte[] in;
    private final int end;
    /** Where the input starts in {@code in}: positions in errors are counted from here. */
    private final int base;
    private final int maxDepth;
    private int pos;
    private int depth;
    private char[] chars = new char[64];
    private boolean integral; // set by scanNumber

    JsonReader(byte[] in, int maxDepth) {
        this(in, 0, in.length, maxDepth);
    }

    /** Reads {@code in[offset, offset + length)}; positions are counted from {@code offset}. */
    JsonReader(byte[] in, int offset, int length, int maxDepth) {
        this.in = in;
        this.base = offset;
        this.pos = offset;
        this.end = offset + length;
        this.maxDepth = maxDepth;
    }

    int position() {
        return pos - base;
    }

    CodecFailure error(String problem) {
        return new CodecFailure(problem, pos - base);
    }

    /** Returns the next significant byte without consuming it, or -1 at the end of input. */
    int peek() {
        int p = pos;
        while (p < end) {
            int c = in[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                pos = p;
                return c & 0xFF;
            }
            p++;
        }
        pos = p;
        return -1;
    }

    /** Fails unless only whitespace remains. */
    void finish() {
        if (peek() != -1) {
            throw error("unexpected data after the JSON value");
        }
    }

    private void expect(int c, String what) {
        if (peek() != c) {
            throw error(peek() == -1 ? "unexpected end of input, expected " + what : "expected " + what);
        }
        pos++;
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw error("JSON nests deeper than " + maxDepth + " levels");
        }
    }

    void beginObject() {
        expect('{', "an object");
        enter();
    }

    void beginArray() {
        expect('[', "an array");
        enter();
    }

    /** Moves to the next array element; returns false (consuming ']') when the array ends. */
    boolean nextElement(boolean first) {
        int c = peek();
        if (c == ']') {
            pos++;
            depth--;
            return false;
        }
        if (!first) {
            if (c != ',') {
                throw error(c == -1 ? "unexpected end of input in an array" : "expected ',' or ']'");
            }
            pos++;
        }
        return true;
    }

    private boolean beforeMember(boolean first) {
        int c = peek();
        if (c == '}') {
            pos++;
            depth--;
            return false;
        }
        if (!first) {
            if (c != ',') {
                throw error(c == -1 ? "unexpected end of input in an object" : "expected ',' or '}'");
            }
            pos++;
        }
        if (peek() != '"') {
            throw error("expected a member name");
        }
        return true;
    }

    /** Reads the next member name and its colon; returns null (consuming '}') at the end. */
    String nextKey(boolean first) {
        if (!beforeMember(first)) {
            return null;
        }
        String key = readString();
        expect(':', "':'");
        return key;
    }

    /**
     * Reads the next member name and its colon and returns the index of the matching name
     * (given as UTF-8 bytes), {@link #UNKNOWN}, or {@link #END} (consuming '}').
     * Plain ASCII names are matched without allocating.
     */
    int nextField(byte[][] names, boolean first) {
        if (!beforeMember(first)) {
            return END;
        }
        int start = pos + 1;
        int p = start;
        while (p < end) {
            int c = in[p];
            if (c == '"' || c == '\\' || c < 0x20) {
                break;
            }
            p++;
        }
        int found = UNKNOWN;
        if (p < end && in[p] == '"') {
            int len = p - start;
            for (int i = 0; i < names.length; i++) {
                byte[] name = names[i];
                if (name.length == len && regionMatches(name, start)) {
                    found = i;
                    break;
                }
            }
        }
        if (found != UNKNOWN) {
            pos = p + 1;
        } else {
            // escapes or an unknown name: decode (and so validate) it, then compare as text
            String key = readString();
            for (int i = 0; i < names.length && found == UNKNOWN; i++) {
                if (key.equals(Utf8.decode(names[i], 0, names[i].length))) {
                    found = i;
                }
            }
        }
        expect(':', "':'");
        return found;
    }

    private boolean regionMatches(byte[] name, int start) {
        for (int i = 0; i < name.length; i++) {
            if (in[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Consumes null if it comes next. */
    boolean tryNull() {
        if (peek() == 'n') {
            literal("null");
            return true;
        }
        return false;
    }

    boolean readBoolean() {
        int c = peek();
        if (c == 't') {
            literal("true");
            return true;
        }
        if (c == 'f') {
            literal("false");
            return false;
        }
        throw error("expected true or false");
    }

    private void literal(String word) {
        int n = word.length();
        if (end - pos < n) {
            throw error("invalid literal");
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw error("invalid literal");
            }
        }
        pos += n;
    }

    int readInt() {
        int start = numberStart();
        int stop = scanNumber();
        if (!integral) {
            pos = start;
            throw error("expected an integer");
        }
        boolean negative = in[start] == '-';
        int i = negative ? start + 1 : start;
        if (stop - i > 10) {
            pos = start;
            throw error("integer out of int range");
        }
        long v = 0;
        for (; i < stop; i++) {
            v = v * 10 + (in[i] - '0');
        }
        if (negative) {
            v = -v;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            pos = start;
            throw error("integer out of int range");
        }
        return (int) v;
    }

    long readLong() {
        int start = numberStart();
        int stop = scanNumber();
        if (!integral) {
            pos = start;
            throw error("expected an integer");
        }
        boolean negative = in[start] == '-';
        int i = negative ? start + 1 : start;
        // accumulate negatively so that Long.MIN_VALUE fits
        long v = 0;
        for (; i < stop; i++) {
            int d = in[i] - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                pos = start;
                throw error("integer out of long range");
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                pos = start;
                throw error("integer out of long range");
            }
            v = -v;
        }
        return v;
    }

    double readDouble() {
        int start = numberStart();
        int stop = scanNumber();
        double v = DoubleText.parse(in, start, stop);
        if (Double.isInfinite(v)) {
            pos = start;
            throw error("number out of double range");
        }
        return v;
    }

    /** Reads a number and returns its text exactly as written. */
    String readNumberText() {
        int start = numberStart();
        int stop = scanNumber();
        char[] c = new char[stop - start];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) in[start + i];
        }
        return new String(c);
    }

    private int numberStart() {
        int c = peek();
        if (c != '-' && (c < '0' || c > '9')) {
            throw error("expected a number");
        }
        return pos;
    }

    /** Consumes a number that must start at pos; returns its end and sets {@link #integral}. */
    private int scanNumber() {
        int p = pos;
        if (p < end && in[p] == '-') {
            p++;
        }
        if (p >= end || in[p] < '0' || in[p] > '9') {
            pos = p;
            throw error("expected a digit");
        }
        if (in[p] == '0') {
            p++;
            if (p < end && in[p] >= '0' && in[p] <= '9') {
                pos = p;
                throw error("leading zeros are not allowed");
            }
        } else {
            while (p < end && in[p] >= '0' && in[p] <= '9') {
                p++;
            }
        }
        integral = true;
        if (p < end && in[p] == '.') {
            integral = false;
            p++;
            int digits = p;
            while (p < end && in[p] >= '0' && in[p] <= '9') {
                p++;
            }
            if (p == digits) {
                pos = p;
                throw error("expected a digit after the decimal point");
            }
        }
        if (p < end && (in[p] == 'e' || in[p] == 'E')) {
            integral = false;
            p++;
            if (p < end && (in[p] == '+' || in[p] == '-')) {
                p++;
            }
            int digits = p;
            while (p < end && in[p] >= '0' && in[p] <= '9') {
                p++;
            }
            if (p == digits) {
                pos = p;
                throw error("expected a digit in the exponent");
            }
        }
        pos = p;
        return p;
    }

    String readString() {
        if (peek() != '"') {
            throw error("expected a string");
        }
        int p = pos + 1;
        int start = p;
        // fast path: printable ASCII without escapes
        while (p < end) {
            int c = in[p];
            if (c == '"') {
                int n = p - start;
                char[] buf = scratch(n);
                for (int i = 0; i < n; i++) {
                    buf[i] = (char) in[start + i];
                }
                pos = p + 1;
                return new String(buf, 0, n);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            p++;
        }
        return readStringSlow(start, p);
    }

    /**
     * Decodes a string with escapes or non-ASCII characters; start is just after the quote and
     * the bytes before special are plain ASCII.
     */
    private String readStringSlow(int start, int special) {
        // find the closing quote first: the string has at most as many chars as bytes, so one
        // buffer of that size needs no further bounds checks
        int close = special;
        while (true) {
            if (close >= end) {
                pos = Math.min(close, end);
                throw error("unterminated string");
            }
            int c = in[close];
            if (c == '"') {
                break;
            }
            close += c == '\\' ? 2 : 1;
        }
        char[] buf = scratch(close - start);
        int n = 0;
        int p = start;
        while (p < special) {
            buf[n++] = (char) in[p++];
        }
        while (p < close) {
            int c = in[p];
            if (c >= 0x20 && c != '\\') {
                buf[n++] = (char) c;
                p++;
            } else if (c == '\\') {
                int e = in[p + 1];
                p += 2;
                switch (e) {
                    case '"' -> buf[n++] = '"';
                    case '\\' -> buf[n++] = '\\';
                    case '/' -> buf[n++] = '/';
                    case 'b' -> buf[n++] = '\b';
                    case 'f' -> buf[n++] = '\f';
                    case 'n' -> buf[n++] = '\n';
                    case 'r' -> buf[n++] = '\r';
                    case 't' -> buf[n++] = '\t';
                    case 'u' -> {
                        char u = (char) hex4(p, close);
                        p += 4;
                        if (Character.isHighSurrogate(u)) {
                            if (p + 6 > close || in[p] != '\\' || in[p + 1] != 'u') {
                                pos = p;
                                throw error("unpaired surrogate escape");
                            }
                            char low = (char) hex4(p + 2, close);
                            if (!Character.isLowSurrogate(low)) {
                                pos = p;
                                throw error("unpaired surrogate escape");
                            }
                            p += 6;
                            buf[n++] = u;
                            buf[n++] = low;
                        } else if (Character.isLowSurrogate(u)) {
                            pos = p - 6;
                            throw error("unpaired surrogate escape");
                        } else {
                            buf[n++] = u;
                        }
                    }
                    default -> {
                        pos = p - 1;
                        throw error("invalid escape");
                    }
                }
            } else if (c >= 0) {
                pos = p;
                throw error("control character in string");
            } else {
                int cp = Utf8.decodeAt(in, p, close);
                if (cp < 0) {
                    throw CodecFailure.malformedUtf8(cp, p);
                }
                p += Utf8.sequenceLength(c & 0xFF);
                if (cp >= 0x10000) {
                    buf[n++] = Character.highSurrogate(cp);
                    buf[n++] = Character.lowSurrogate(cp);
                } else {
                    buf[n++] = (char) cp;
                }
            }
        }
        pos = close + 1;
        return new String(buf, 0, n);
    }

    private int hex4(int p, int limit) {
        if (p + 4 > limit) {
            pos = p;
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int c = in[p + i];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                pos = p + i;
                throw error("invalid hex digit in \\u escape");
            }
            v = v << 4 | d;
        }
        return v;
    }

    private char[] scratch(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        return chars;
    }

    /** Skips one complete value of any kind, validating it. */
    void skipValue() {
        int c = peek();
        switch (c) {
            case '{' -> {
                beginObject();
                boolean first = true;
                while (nextKey(first) != null) {
                    first = false;
                    skipValue();
                }
            }
            case '[' -> {
                beginArray();
                boolean first = true;
                while (nextElement(first)) {
                    first = false;
                    skipValue();
                }
            }
            case '"' -> readString();
            case 't', 'f' -> readBoolean();
            case 'n' -> literal("null");
            case -1 -> throw error("unexpected end of input, expected a value");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    scanNumber();
                } else {
                    throw error("unexpected character, expected a value");
                }
            }
        }
    }

    /** Remembers the current position so that a value can be read twice. */
    int mark() {
        peek();
        return pos;
    }

    void reset(int mark, int markDepth) {
        pos = mark;
        depth = markDepth;
    }

    int depth() {
        return depth;
    }
}
