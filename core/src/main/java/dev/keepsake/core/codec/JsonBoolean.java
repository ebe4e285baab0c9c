package dev.keepsake.core.codec;


/**
 * JSON {@code true} or {@code false}.
 *
 * @param value the truth value
 */
public record JsonBoolean(boolean value) implements JsonValue {
    /** JSON {@code true}. */
    public static final JsonBoolean TRUE = new JsonBoolean(true);
    /** JSON {@code false}. */
    public static final JsonBoolean FALSE = new JsonBoolean(false);

    /** Returns {@link #TRUE} or {@link #FALSE}. */
    public static JsonBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** Returns the truth value. */
    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public boolean value() {
        return value;
    }
}
