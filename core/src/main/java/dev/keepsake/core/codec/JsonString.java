package dev.keepsake.core.codec;


/**
 * A JSON string.
 *
 * @param value the text
 */
public record JsonString(String value) implements JsonValue {
    /**
     * Creates the string.
     *
     * @throws NullPointerException if value is null
     */
    public JsonString {
        if (value == null) {
            throw new NullPointerException("value");
        }
    }

    /** Returns the text. */
    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return value;
    }
}
