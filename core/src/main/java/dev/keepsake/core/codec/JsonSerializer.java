package dev.keepsake.core.codec;

import java.util.Objects;

/** {@link Serializers#json}: a codec read and written as UTF-8 JSON. */
final class JsonSerializer<T> implements Serializer<T> {
    private final Codec<T> codec;
    private final int maxDepth;

    JsonSerializer(Codec<T> codec, int maxDepth) {
        this.codec = codec;
        this.maxDepth = maxDepth;
    }

    @Override
    public byte[] serialize(T value) {
        try {
            Codec.requireValue(codec, value);
            JsonWriter out = new JsonWriter(maxDepth);
            codec.writeJson(value, out);
            return out.toByteArray();
        } catch (CodecFailure f) {
            throw f.toSerializationException("cannot write JSON");
        }
    }

    @Override
    public T deserialize(byte[] bytes) {
        return deserialize(Objects.requireNonNull(bytes, "bytes"), 0, bytes.length);
    }

    @Override
    public T deserialize(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try {
            JsonReader in = new JsonReader(bytes, offset, length, maxDepth);
            T value = codec.readJson(in);
            in.finish();
            return value;
        } catch (CodecFailure f) {
            throw f.toSerializationException("cannot read JSON");
        }
    }

    @Override
    public int formatId() {
        return JSON;
    }
}
