package dev.keepsake.core.codec;

import java.util.function.Supplier;

/** Defers to a codec obtained on first use, so that recursive shapes can refer to themselves. */
final class LazyCodec<T> extends Codec<T> {
    private final Supplier<Codec<T>> supplier;
    private Codec<T> codec;

    LazyCodec(Supplier<Codec<T>> supplier) {
        this.supplier = supplier;
    }

    private Codec<T> codec() {
        Codec<T> c = codec;
        if (c == null) {
            c = supplier.get();
            if (c == null) {
                throw new NullPointerException("the lazy codec's supplier returned null");
            }
            codec = c;
        }
        return c;
    }

    @Override
    void writeJson(T value, JsonWriter out) {
        codec().writeJson(value, out);
    }

    @Override
    T readJson(JsonReader in) {
        return codec().readJson(in);
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
        codec().writeBinary(value, out);
    }

    @Override
    T readBinary(BinaryReader in) {
        return codec().readBinary(in);
    }

    @Override
    int minBinarySize() {
        return 0; // unknown without resolving, which could recurse forever
    }

    @Override
    boolean acceptsNull() {
        return codec().acceptsNull();
    }

    @Override
    boolean isAbsent(T value) {
        return codec().isAbsent(value);
    }

    @Override
    boolean hasAbsentValue() {
        return codec().hasAbsentValue();
    }

    @Override
    T absentValue() {
        return codec().absentValue();
    }
}
