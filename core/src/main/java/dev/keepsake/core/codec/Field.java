package dev.keepsake.core.codec;

import dev.keepsake.core.internal.Utf8;
import java.util.function.Function;

/**
 * One member of a record codec: its name (the JSON member name; binary data stores fields by
 * position instead), the codec of its value and how to read it from the record. Made by {@link
 * Codecs#field}; immutable.
 *
 * <p>On reading, a missing member is filled with the field's {@linkplain #withDefault default}
 * if it has one, with empty/null if its codec is {@link Codecs#optional}/{@link
 * Codecs#nullable}, and is an error otherwise.
 *
 * @param <R> the record type
 * @param <F> the field's type
 */
public final class Field<R, F> {
    final String name;
    final Codec<F> codec;
    final Function<? super R, ? extends F> getter;
    final boolean hasDefault;
    final F defaultValue;
    final byte[] nameUtf8;
    final byte[] jsonPrefix;

    Field(String name, Codec<F> codec, Function<? super R, ? extends F> getter, boolean hasDefault, F defaultValue) {
        this.name = name;
        this.codec = codec;
        this.getter = getter;
        this.hasDefault = hasDefault;
        this.defaultValue = defaultValue;
        this.jsonPrefix = JsonWriter.memberPrefix(name); // refuses an unpaired surrogate
        this.nameUtf8 = Utf8.encode(name);
    }

    /** Returns the member name. */
    public String name() {
        return name;
    }

    /**
     * Returns a copy of this field that reads as {@code value} when its member is missing, so
     * that data written before the field existed still decodes.
     *
     * @throws NullPointerException if value is null and the codec does not accept null
     */
    public Field<R, F> withDefault(F value) {
        if (value == null && !codec.acceptsNull()) {
            throw new NullPointerException("default of field \"" + name + "\" is null but its codec is not nullable");
        }
        return new Field<>(name, codec, getter, true, value);
    }

    boolean mayBeMissing() {
        return hasDefault || codec.hasAbsentValue();
    }

    F missingValue() {
        return hasDefault ? defaultValue : codec.absentValue();
    }
}
