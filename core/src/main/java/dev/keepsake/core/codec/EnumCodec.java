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
    private final Map<E, Integer> indexes = new HashMap<>();

    EnumCodec(E[] constants) {
        this.constants = constants.clone();
        for (int i = 0; i < constants.length; i++) {
            E e = constants[i];
            if (e == null) {
                throw new NullPointerException("enum constant " + i + " is null");
            }
            if (byName.put(e.name(), e) != null) {
                throw new IllegalArgumentException("enum constant " + e.name() + " is given twice");
            }
            indexes.put(e, i);
        }
    }

    private int indexOf(E value) {
        Integer i = indexes.get(value);
        if (i == null) {
            throw new CodecFailure("enum constant " + value.name() + " is not among the codec's constants", -1);
        }
        return i;
    }

    @Override
    void writeJson(E value, JsonWriter out) {
        indexOf(value);
        out.string(value.name());
    }

    @Override
    E readJson(JsonReader in) {
        int position = in.mark();
        String name = in.readString();
        E e = byName.get(name);
        if (e == null) {
            throw new CodecFailure("unknown enum constant \"" + name + "\"", position);
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
