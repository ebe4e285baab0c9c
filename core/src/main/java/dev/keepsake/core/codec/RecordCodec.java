package dev.keepsake.core.codec;

import java.util.function.Function;

/**
 * A record or any object described field by field: a JSON object with one member per field
 * (members whose optional/nullable value is absent are left out; unknown members are skipped
 * for forward compatibility; a member given twice is an error); in binary the fields' values in
 * declaration order, without names.
 */
final class RecordCodec<R> extends Codec<R> {
    private final Field<R, ?>[] fields;
    private final byte[][] names;
    private final Function<Object[], R> constructor;
    private final int minSize;

    RecordCodec(Field<R, ?>[] fields, Function<Object[], R> constructor) {
        this.fields = fields.clone();
        this.constructor = constructor;
        this.names = new byte[fields.length][];
        int min = 0;
        for (int i = 0; i < fields.length; i++) {
            Field<R, ?> f = this.fields[i];
            if (f == null) {
                throw new NullPointerException("field " + i + " is null");
            }
            for (int j = 0; j < i; j++) {
                if (fields[j].name.equals(f.name)) {
                    throw new IllegalArgumentException("field \"" + f.name + "\" is declared twice");
                }
            }
            names[i] = f.nameUtf8;
            min += f.codec instanceof LazyCodec ? 0 : f.codec.minBinarySize();
        }
        this.minSize = min;
    }

    boolean hasField(String name) {
        for (Field<R, ?> f : fields) {
            if (f.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    void writeJson(R value, JsonWriter out) {
        out.enter();
        out.raw((byte) '{');
        writeJsonMembers(value, out, true);
        out.raw((byte) '}');
        out.exit();
    }

    void writeJsonMembers(R value, JsonWriter out, boolean first) {
        for (Field<R, ?> f : fields) {
            first = writeMember(f, value, out, first);
        }
    }

    private static <R, F> boolean writeMember(Field<R, F> f, R record, JsonWriter out, boolean first) {
        try {
            F v = f.getter.apply(record);
            Codec.requireValue(f.codec, v);
            if (f.codec.isAbsent(v)) {
                return first;
            }
            if (!first) {
                out.raw((byte) ',');
            }
            out.raw(f.jsonPrefix);
            f.codec.writeJson(v, out);
            return false;
        } catch (CodecFailure e) {
            throw e.inField(f.name);
        }
    }

    @Override
    R readJson(JsonReader in) {
        in.beginObject();
        return readJsonMembers(in, true);
    }

    /** Reads members up to and including the closing brace; the opening brace is consumed. */
    R readJsonMembers(JsonReader in, boolean first) {
        Object[] values = new Object[fields.length];
        boolean[] seen = new boolean[fields.length];
        int i;
        while ((i = in.nextField(names, first)) != JsonReader.END) {
            first = false;
            if (i == JsonReader.UNKNOWN) {
                in.skipValue();
                continue;
            }
            Field<R, ?> f = fields[i];
            if (seen[i]) {
                throw in.error("member \"" + f.name + "\" appears twice");
            }
            seen[i] = true;
            try {
                values[i] = f.codec.readJson(in);
            } catch (CodecFailure e) {
                throw e.inField(f.name);
            }
        }
        int position = in.position();
        for (int k = 0; k < fields.length; k++) {
            if (!seen[k]) {
                Field<R, ?> f = fields[k];
                if (!f.mayBeMissing()) {
                    throw new CodecFailure("missing required field \"" + f.name + "\"", position);
                }
                values[k] = f.missingValue();
            }
        }
        return construct(values, position);
    }

    private R construct(Object[] values, int position) {
        R r;
        try {
            r = constructor.apply(values);
        } catch (RuntimeException e) {
            throw new CodecFailure("the constructor rejected the value: " + e, position, e);
        }
        if (r == null) {
            throw new CodecFailure("the constructor returned null", position);
        }
        return r;
    }

    @Override
    void writeBinary(R value, BinaryWriter out) {
        out.enter();
        for (Field<R, ?> f : fields) {
            writeBinaryField(f, value, out);
        }
        out.exit();
    }

    private static <R, F> void writeBinaryField(Field<R, F> f, R record, BinaryWriter out) {
        try {
            F v = f.getter.apply(record);
            Codec.requireValue(f.codec, v);
            f.codec.writeBinary(v, out);
        } catch (CodecFailure e) {
            throw e.inField(f.name);
        }
    }

    @Override
    R readBinary(BinaryReader in) {
        in.enter();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                values[i] = fields[i].codec.readBinary(in);
            } catch (CodecFailure e) {
                throw e.inField(fields[i].name);
            }
        }
        in.exit();
        return construct(values, in.position());
    }

    @Override
    int minBinarySize() {
        return minSize;
    }
}
