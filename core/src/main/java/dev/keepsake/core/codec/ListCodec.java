package dev.keepsake.core.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A list: a JSON array; in binary an element count then the elements. Decodes to an unmodifiable list. */
final class ListCodec<T> extends Codec<List<T>> {
    private final Codec<T> element;

    ListCodec(Codec<T> element) {
        this.element = element;
    }

    @Override
    void writeJson(List<T> value, JsonWriter out) {
        out.enter();
        out.raw((byte) '[');
        int n = value.size();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.raw((byte) ',');
            }
            T v = value.get(i);
            try {
                Codec.requireValue(element, v);
                element.writeJson(v, out);
            } catch (CodecFailure f) {
                throw f.atIndex(i);
            }
        }
        out.raw((byte) ']');
        out.exit();
    }

    @Override
    List<T> readJson(JsonReader in) {
        in.beginArray();
        List<T> list = new ArrayList<>();
        while (in.nextElement(list.isEmpty())) {
            try {
                list.add(element.readJson(in));
            } catch (CodecFailure f) {
                throw f.atIndex(list.size());
            }
        }
        return Collections.unmodifiableList(list);
    }

    @Override
    void writeBinary(List<T> value, BinaryWriter out) {
        out.enter();
        int n = value.size();
        out.writeVarint(n);
        for (int i = 0; i < n; i++) {
            T v = value.get(i);
            try {
                Codec.requireValue(element, v);
                element.writeBinary(v, out);
            } catch (CodecFailure f) {
                throw f.atIndex(i);
            }
        }
        out.exit();
    }

    @Override
    List<T> readBinary(BinaryReader in) {
        in.enter();
        int n = in.readLength(element.minBinarySize());
        List<T> list = new ArrayList<>(in.reserve(n));
        for (int i = 0; i < n; i++) {
            int start = in.position();
            try {
                list.add(element.readBinary(in));
            } catch (CodecFailure f) {
                throw f.atIndex(i);
            }
            if (in.position() == start) {
                in.countEmpty();
            }
        }
        in.exit();
        return Collections.unmodifiableList(list);
    }
}
