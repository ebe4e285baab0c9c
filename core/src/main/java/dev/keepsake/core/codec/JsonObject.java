package dev.keepsake.core.codec;

import java.util.Map;

/**
 * A JSON object: members in their original order, names unique.
 *
 * @param members the members; copied, keeping their iteration order
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    /**
     * Creates the object.
     *
     * @throws NullPointerException if the map, a name or a value is null
     */
    public JsonObject {
        for (Map.Entry<String, JsonValue> e : members.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new NullPointerException("null member name or value");
            }
        }
        // Not a LinkedHashMap: names may come from outside, and TeaVM's HashMap turns
        // colliding names quadratic (see StringMap).
        members = StringMap.copyOf(members);
    }

    /** Returns the members, in order, unmodifiable. */
    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public Map<String, JsonValue> members() {
        return members;
    }

    /** Returns the value of a member, or null if there is none. */
    public JsonValue get(String name) {
        return members.get(name);
    }
}
