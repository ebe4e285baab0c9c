package dev.keepsake.core.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tagged union of record variants. JSON: the variant's record object with the tag member
 * first, e.g. {@code {"type":"circle","radius":2.0}} — what Jackson writes for {@code
 * @JsonTypeInfo(use = NAME, property = "type")}; a tag member found later in the object is
 * accepted too (at the cost of reading the object twice). Binary: the variant's index in
 * declaration order as a varint, then the record.
 */
final class UnionCodec<T> extends Codec<T> {
    private final String tagName;
    private final byte[] tagPrefix;
    private final String[] tags;
    private final Class<?>[] types;
    private final RecordCodec<?>[] codecs;
    private final Map<String, Integer> byTag = new LinkedHashMap<>();

    UnionCodec(String tagName, String[] tags, Class<?>[] types, RecordCodec<?>[] codecs) {
        this.tagName = tagName;
        this.tagPrefix = JsonWriter.memberPrefix(tagName);
        this.tags = tags;
        this.types = types;
        this.codecs = codecs;
        for (int i = 0; i < tags.length; i++) {
            byTag.put(tags[i], i);
        }
    }

    private int variantOf(T value) {
        for (int i = 0; i < types.length; i++) {
            if (types[i].isInstance(value)) {
                return i;
            }
        }
        throw new CodecFailure("no variant of the union is declared for " + value.getClass().getName(), -1);
    }

    @Override
    void writeJson(T value, JsonWriter out) {
        int i = variantOf(value);
        out.enter();
        out.raw((byte) '{');
        out.raw(tagPrefix);
        out.string(tags[i]);
        writeMembers(codecs[i], value, out);
        out.raw((byte) '}');
        out.exit();
    }

    @SuppressWarnings("unchecked")
    private static <V> void writeMembers(RecordCodec<V> codec, Object value, JsonWriter out) {
        codec.writeJsonMembers((V) value, out, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    T readJson(JsonReader in) {
        int mark = in.mark();
        int depth = in.depth();
        in.beginObject();
        String key = in.nextKey(true);
        if (key == null) {
            throw new CodecFailure("missing union tag \"" + tagName + "\"", mark);
        }
        if (!key.equals(tagName)) {
            return readReordered(in, mark, depth);
        }
        int position = in.mark();
        int i = variant(in.readString(), position);
        return (T) codecs[i].readJsonMembers(in, false);
    }

    private int variant(String tag, int position) {
        Integer i = byTag.get(tag);
        if (i == null) {
            // The stored tag is data: the message gives its length, never its text.
            throw new CodecFailure("unknown union tag of " + tag.length() + " characters", position);
        }
        return i;
    }

    /** Reads an object whose tag is not its first member: moves the tag first and reads again. */
    @SuppressWarnings("unchecked")
    private T readReordered(JsonReader in, int mark, int depth) {
        in.reset(mark, depth);
        JsonValue object = JsonValueCodec.INSTANCE.readJson(in);
        Map<String, JsonValue> members = ((JsonObject) object).members();
        JsonValue tag = members.get(tagName);
        if (!(tag instanceof JsonString)) {
            throw new CodecFailure(tag == null ? "missing union tag \"" + tagName + "\"" : "union tag is not a string",
                    mark);
        }
        int i = variant(((JsonString) tag).value(), mark);
        StringMap<JsonValue> rest = new StringMap<>();
        for (Map.Entry<String, JsonValue> e : members.entrySet()) {
            if (!e.getKey().equals(tagName)) {
                rest.add(e.getKey(), e.getValue());
            }
        }
        JsonWriter out = new JsonWriter(Integer.MAX_VALUE);
        JsonValueCodec.INSTANCE.writeJson(new JsonObject(rest), out);
        JsonReader again = new JsonReader(out.toByteArray(), Integer.MAX_VALUE);
        try {
            return (T) codecs[i].readJson(again);
        } catch (CodecFailure f) {
            // positions in the rewritten text mean nothing to the caller: report the object's start
            CodecFailure moved = new CodecFailure(f.problem() + " in the object", mark, f.getCause());
            moved.copyPathFrom(f);
            throw moved;
        }
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
        int i = variantOf(value);
        out.writeVarint(i);
        writeBinaryVariant(codecs[i], value, out);
    }

    @SuppressWarnings("unchecked")
    private static <V> void writeBinaryVariant(RecordCodec<V> codec, Object value, BinaryWriter out) {
        codec.writeBinary((V) value, out);
    }

    @Override
    @SuppressWarnings("unchecked")
    T readBinary(BinaryReader in) {
        int position = in.position();
        int i = in.readVarint();
        if (i < 0 || i >= codecs.length) {
            throw new CodecFailure("union variant index " + (i & 0xFFFFFFFFL) + " out of range", position);
        }
        return (T) codecs[i].readBinary(in);
    }
}
