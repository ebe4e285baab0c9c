package dev.keepsake.core.codec;

import java.util.function.Function;

/** A codec for {@code U} stored as another codec's {@code T}. */
final class MappedCodec<T, U> extends Codec<U> {
    private final Codec<T> inner;
    private final Function<? super T, ? extends U> decode;
    private final Function<? super U, ? extends T> encode;

    MappedCodec(Codec<T> inner, Function<? super T, ? extends U> decode, Function<? super U, ? extends T> encode) {
        this.inner = inner;
        this.decode = decode;
        this.encode = encode;
    }

    private T toInner(U value) {
        T t;
        try {
            t = encode.apply(value);
        } catch (RuntimeException e) {
            throw new CodecFailure("the encode function failed: " + e, -1, e);
        }
        Codec.requireValue(inner, t);
        return t;
    }

    private U fromInner(T value, int position) {
        try {
            return decode.apply(value);
        } catch (RuntimeException e) {
            throw new CodecFailure("the decode function rejected the value: " + e, position, e);
        }
    }

    @Override
    void writeJson(U value, JsonWriter out) {
        inner.writeJson(toInner(value), out);
    }

    @Override
    U readJson(JsonReader in) {
        int position = in.mark();
        return fromInner(inner.readJson(in), position);
    }

    @Override
    void writeBinary(U value, BinaryWriter out) {
        inner.writeBinary(toInner(value), out);
    }

    @Override
    U readBinary(BinaryReader in) {
        int position = in.position();
        return fromInner(inner.readBinary(in), position);
    }

    @Override
    int minBinarySize() {
        return inner.minBinarySize();
    }
}
