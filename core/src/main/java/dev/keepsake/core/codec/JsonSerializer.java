package dev.keepsake.core.codec;

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
        if (bytes == null) {
            throw new NullPointerException("bytes");
        }
        try {
            JsonReader in = new JsonReader(bytes, maxDepth);
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
