package dev.keepsake.core.codec;

import java.util.List;

/**
 * A JSON array.
 *
 * @param elements the elements; copied
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
    /**
     * Creates the array.
     *
     * @throws NullPointerException if the list or an element is null
     */
    public JsonArray {
        elements = List.copyOf(elements);
    }

    /** Returns the elements, unmodifiable. */
    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public List<JsonValue> elements() {
        return elements;
    }
}
