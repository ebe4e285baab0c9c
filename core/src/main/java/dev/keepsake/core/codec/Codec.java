package dev.keepsake.core.codec;

import java.util.function.Function;

/**
 * The shape of a value of type {@code T}, described once and read by every format: JSON
 * ({@link Serializers#json}) and compact binary ({@link Serializers#binary}). Codecs are built
 * from the combinators in {@link Codecs} and are immutable and thread-safe; no reflection is
 * involved, so the same description works on the JVM, in JavaScript and in WebAssembly.
 *
 * <p>Users cannot implement this class directly — every format must understand every codec —
 * but any type can be described by {@linkplain #map mapping} an existing codec, for example
 * {@code Codecs.strings().map(UUID::fromString, UUID::toString)}.
 *
 * @param <T> the type of value described
 */
public abstract class Codec<T> {
    Codec() {
    }

    abstract void writeJson(T value, JsonWriter out);

    abstract T readJson(JsonReader in);

    abstract void writeBinary(T value, BinaryWriter out);

    abstract T readBinary(BinaryReader in);

    /** Returns the least number of bytes a value takes in the binary format. */
    int minBinarySize() {
        return 1;
    }

    /** Returns whether null is a value of this codec (only {@link Codecs#nullable}). */
    boolean acceptsNull() {
        return false;
    }

    /** Returns whether a record member holding this value is left out of JSON objects. */
    boolean isAbsent(T value) {
        return false;
    }

    /** Returns whether a missing record member has a value ({@link #absentValue}). */
    boolean hasAbsentValue() {
        return false;
    }

    T absentValue() {
        throw new IllegalStateException("no absent value");
    }

    /**
     * Returns a codec for {@code U} that stores each value as this codec's {@code T}.
     *
     * @param decode turns a decoded {@code T} into a {@code U}; an exception it throws becomes a
     *     {@link dev.keepsake.core.error.SerializationException}
     * @param encode turns a {@code U} into the {@code T} to store
     */
    public final <U> Codec<U> map(Function<? super T, ? extends U> decode, Function<? super U, ? extends T> encode) {
        if (decode == null || encode == null) {
            throw new NullPointerException("decode and encode functions are required");
        }
        return new MappedCodec<>(this, decode, encode);
    }

    /** Fails when a value that must not be null is. */
    static <T> void requireValue(Codec<T> codec, T value) {
        if (value == null && !codec.acceptsNull()) {
            throw new CodecFailure("null where a value is required (use Codecs.nullable or Codecs.optional)", -1);
        }
    }
}
