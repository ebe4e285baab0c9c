package dev.keepsake.core.codec;

import java.util.Optional;

/**
 * An {@link Optional} value: JSON {@code null} (or, as a record member, no member at all) when
 * empty; in binary a presence byte 0 or 1 followed by the value.
 */
final class OptionalCodec<T> extends Codec<Optional<T>> {
    private final Codec<T> inner;

    OptionalCodec(Codec<T> inner) {
        this.inner = inner;
    }

    @Override
    void writeJson(Optional<T> value, JsonWriter out) {
        if (value.isEmpty()) {
            out.nullValue();
        } else {
            inner.writeJson(value.get(), out);
        }
    }

    @Override
    Optional<T> readJson(JsonReader in) {
        return in.tryNull() ? Optional.empty() : Optional.of(inner.readJson(in));
    }

    @Override
    void writeBinary(Optional<T> value, BinaryWriter out) {
        if (value.isEmpty()) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            inner.writeBinary(value.get(), out);
        }
    }

    @Override
    Optional<T> readBinary(BinaryReader in) {
        return in.readBoolean() ? Optional.of(inner.readBinary(in)) : Optional.empty();
    }

    @Override
    boolean isAbsent(Optional<T> value) {
        return value.isEmpty();
    }

    @Override
    boolean hasAbsentValue() {
        return true;
    }

    @Override
    Optional<T> absentValue() {
        return Optional.empty();
    }
}
