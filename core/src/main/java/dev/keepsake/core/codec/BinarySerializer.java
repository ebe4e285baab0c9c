package dev.keepsake.core.codec;

import java.util.Objects;

/** {@link Serializers#binary}: a codec read and written in the compact binary layout. */
final class BinarySerializer<T> implements Serializer<T> {
    private final Codec<T> codec;
    private final int maxDepth;

    BinarySerializer(Codec<T> codec, int maxDepth) {
        this.codec = codec;
        this.maxDepth = maxDepth;
    }

    @Override
    public byte[] serialize(T value) {
        try {
            Codec.requireValue(codec, value);
            BinaryWriter out = new BinaryWriter(maxDepth);
            codec.writeBinary(value, out);
            return out.toByteArray();
        } catch (CodecFailure f) {
            throw f.toSerializationException("cannot write binary");
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
            BinaryReader in = new BinaryReader(bytes, offset, length, maxDepth);
            T value = codec.readBinary(in);
            in.finish();
            return value;
        } catch (CodecFailure f) {
            throw f.toSerializationException("cannot read binary");
        }
    }

    @Override
    public int formatId() {
        return BINARY;
    }
}
