package dev.keepsake.core.codec;

import dev.keepsake.core.error.SerializationException;
import java.util.Objects;

/**
 * Turns values into bytes and back; what the persistence manager stores. Made from a {@link
 * Codec} by {@link Serializers}, or implemented by users (for example with Jackson on the JVM).
 *
 * <p>The {@linkplain #formatId format id} is stored next to the bytes so that data is always
 * read by the format that wrote it: 1 is Keepsake's JSON, 2 its compact binary; 0 and 3–127 are
 * reserved for Keepsake; 128–255 are free for user-defined serializers.
 *
 * @param <T> the type of value
 */
public interface Serializer<T> {
    /** Format id of {@link Serializers#json}. */
    int JSON = 1;
    /** Format id of {@link Serializers#binary}. */
    int BINARY = 2;

    /**
     * Encodes a value.
     *
     * @throws SerializationException if the value cannot be encoded (a null where the codec
     *     requires a value, NaN in JSON, a string with an unpaired surrogate)
     */
    byte[] serialize(T value);

    /**
     * Decodes bytes written by {@link #serialize} of a compatible serializer.
     *
     * @throws SerializationException if the bytes are malformed or do not fit the shape; the
     *     message names the position and the field path
     */
    T deserialize(byte[] bytes);

    /**
     * Decodes {@code bytes[offset, offset + length)}, as {@link #deserialize(byte[])} decodes an
     * array holding just those bytes: what the manager calls on a value read from storage, so
     * that the payload is not copied out of its envelope first. The bytes must only be read
     * during the call, never kept or changed. The default copies the range and calls
     * {@link #deserialize(byte[])}; a serializer that can read in place overrides it.
     *
     * @throws NullPointerException if {@code bytes} is null
     * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
     * @throws SerializationException as {@link #deserialize(byte[])}
     */
    default T deserialize(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        return deserialize(copy);
    }

    /** Returns the id of the format this serializer writes, from 1 to 255. */
    int formatId();
}
