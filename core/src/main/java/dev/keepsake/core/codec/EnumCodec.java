package dev.keepsake.core.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * An enum constant: its {@code name()} as a JSON string; in binary its index in the constants
 * given to {@link Codecs#enums} (so constants may only be appended, never reordered).
 */
final class EnumCodec<E extends Enum<E>> extends Codec<E> {
    private final E[] constants;
    private final Map<String, E> byName = new HashMap<>();
    /** Index in constants by ordinal, -1 for constants not given; avoids boxing and hashing. */
    private final int[] indexByOrdinal;
    /** Each constant's name as a quoted, escaped JSON string. */
    private final byte[][] jsonNames;

    EnumCodec(E[] constants) {
        this.constants = constants.clone();
        int maxOrdinal = -1;
        for (int i = 0; i < constants.length; i++) {
            E e = constants[i];
            if (e == null) {
                throw new NullPointerException("enum constant " + i + " is null");
            }
            if (byName.put(e.name(), e) != null) {
                throw new IllegalArgumentException("enum constant " + e.name() + " is given twice");
            }
            maxOrdinal = Math.max(maxOrdinal, e.ordinal());
        }
        indexByOrdinal = new int[maxOrdinal + 1];
        jsonNames = new byte[constants.length][];
        for (int i = 0; i < indexByOrdinal.length; i++) {
            indexByOrdinal[i] = -1;
        }
        for (int i = 0; i < constants.length; i++) {
            indexByOrdinal[constants[i].ordinal()] = i;
            JsonWriter w = new JsonWriter(1);
            w.string(constants[i].name());
            jsonNames[i] = w.toByteArray();
        }
    }

    private int indexOf(E value) {
        int ordinal = value.ordinal();
        int i = ordinal < indexByOrdinal.length ? indexByOrdinal[ordinal] : -1;
        if (i < 0 || constants[i] != value) {
            throw new CodecFailure("enum constant " + value.name() + " is not among the codec's constants", -1);
        }
        return i;
    }

    @Override
    void writeJson(E value, JsonWriter out) {
        out.raw(jsonNames[indexOf(value)]);
    }

    @Override
    E readJson(JsonReader in) {
        int position = in.mark();
        String name = in.readString();
        E e = byName.get(name);
        if (e == null) {
            // The stored name is data: the message gives its length, never its text.
            throw new CodecFailure("unknown enum constant of " + name.length() + " characters", position);
        }
        return e;
    }

    @Override
    void writeBinary(E value, BinaryWriter out) {
        out.writeVarint(indexOf(value));
    }

    @Override
    E readBinary(BinaryReader in) {
        int position = in.position();
        int i = in.readVarint();
        if (i < 0 || i >= constants.length) {
            throw new CodecFailure("enum index " + (i & 0xFFFFFFFFL) + " out of range", position);
        }
        return constants[i];
    }
}
