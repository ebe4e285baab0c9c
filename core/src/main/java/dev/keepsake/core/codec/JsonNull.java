package dev.keepsake.core.codec;


/** JSON {@code null}; all instances are equal, {@link #INSTANCE} is the one to use. */
public record JsonNull() implements JsonValue {
    /** JSON {@code null}. */
    public static final JsonNull INSTANCE = new JsonNull();

    /** Returns null, which is what Jackson writes for this value. */
    @com.fasterxml.jackson.annotation.JsonValue
    Object jackson() {
        return null;
    }
}
