package dev.keepsake.core.codec;

/**
 * A value that may be null: JSON {@code null} (or, as a record member, no member at all); in
 * binary a presence byte 0 or 1 followed by the value.
 */
final class NullableCodec<T> extends Codec<T> {
    private final Codec<T> inner;

    NullableCodec(Codec<T> inner) {
        this.inner = inner;
    }

    @Override
    void writeJson(T value, JsonWriter out) {
        if (value == null) {
            out.nullValue();
        } else {
            inner.writeJson(value, out);
        }
    }

    @Override
    T readJson(JsonReader in) {
        return in.tryNull() ? null : inner.readJson(in);
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
        if (value == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            inner.writeBinary(value, out);
        }
    }

    @Override
    T readBinary(BinaryReader in) {
        return in.readBoolean() ? inner.readBinary(in) : null;
    }

    @Override
    boolean acceptsNull() {
        return true;
    }

    @Override
    boolean isAbsent(T value) {
        return value == null;
    }

    @Override
    boolean hasAbsentValue() {
        return true;
    }

    @Override
    T absentValue() {
        return null;
    }
}
