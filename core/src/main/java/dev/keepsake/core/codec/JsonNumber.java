package dev.keepsake.core.codec;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A JSON number, kept as its exact decimal text so that no precision is lost in either
 * direction (integers beyond 2^53, long decimals). Equality is textual: {@code 1} and {@code
 * 1.0} are different numbers here.
 *
 * @param text the number in RFC 8259 syntax, e.g. {@code -12}, {@code 3.5e-7}
 */
public record JsonNumber(String text) implements JsonValue {
    /**
     * Creates the number.
     *
     * @throws IllegalArgumentException if text is not a JSON number
     */
    public JsonNumber {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a JSON number: " + text);
        }
    }

    /** Returns the number for a long. */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /**
     * Returns the number for a double, in its shortest round-tripping form.
     *
     * @throws IllegalArgumentException if value is NaN or infinite (JSON cannot hold them)
     */
    public static JsonNumber of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON cannot represent " + value);
        }
        StringBuilder sb = new StringBuilder();
        DoubleText.format(value, sb);
        return new JsonNumber(sb.toString());
    }

    /** Returns the exact decimal text. */
    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    @JsonRawValue
    public String text() {
        return text;
    }

    /** Returns the nearest double (correctly rounded; infinite if beyond the double range). */
    public double doubleValue() {
        byte[] b = ascii(text);
        return DoubleText.parse(b, 0, b.length);
    }

    /**
     * Returns the value as a long.
     *
     * @throws ArithmeticException if the text is not an integer in the long range
     */
    public long longValue() {
        try {
            return new JsonReader(ascii(text), 1).readLong();
        } catch (CodecFailure e) {
            throw new ArithmeticException(text + " is not an integer in the long range");
        }
    }

    private static boolean isValid(String text) {
        int n = text.length();
        if (n == 0 || (text.charAt(0) != '-' && !isDigit(text.charAt(0))) || !isDigit(text.charAt(n - 1))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        try {
            JsonReader r = new JsonReader(ascii(text), 1);
            r.readNumberText();
            r.finish();
            return true;
        } catch (CodecFailure e) {
            return false;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return b;
    }
}
