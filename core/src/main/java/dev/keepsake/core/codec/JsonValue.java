package dev.keepsake.core.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any JSON value, as an immutable tree: {@link JsonObject} (member order kept), {@link
 * JsonArray}, {@link JsonString}, {@link JsonNumber} (its exact decimal text), {@link
 * JsonBoolean} and {@link JsonNull}. {@link Codecs#json()} stores it in either format; this is
 * how values whose shape is not known in advance (for example plain JavaScript objects) are
 * persisted.
 *
 * <p>With Jackson on the JVM, a {@code JsonValue} serializes to the JSON it stands for and
 * deserializes from any JSON.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /**
     * Converts what Jackson binds untyped JSON to (maps, lists, strings, numbers, booleans,
     * null) into a JsonValue; used by Jackson, not meant to be called directly.
     *
     * @throws IllegalArgumentException if the object is none of those
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static JsonValue fromJackson(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof JsonValue v) {
            return v;
        }
        if (value instanceof String s) {
            return new JsonString(s);
        }
        if (value instanceof Boolean b) {
            return JsonBoolean.of(b);
        }
        if (value instanceof Double || value instanceof Float) {
            return JsonNumber.of(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return new JsonNumber(n.toString()); // Integer, Long, BigInteger, BigDecimal: exact text
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                members.put(String.valueOf(e.getKey()), fromJackson(e.getValue()));
            }
            return new JsonObject(members);
        }
        if (value instanceof List<?> l) {
            List<JsonValue> elements = new ArrayList<>(l.size());
            for (Object o : l) {
                elements.add(fromJackson(o));
            }
            return new JsonArray(elements);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
