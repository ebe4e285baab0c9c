package dev.keepsake.core.codec;

/**
 * The codecs for single JSON scalars, one instance per kind. A switch rather than a class per
 * kind keeps the browser bundle small; the hot paths are a single branch.
 */
final class ScalarCodec<T> extends Codec<T> {
    static final int STRING = 0;
    static final int INT = 1;
    static final int LONG = 2;
    static final int DOUBLE = 3;
    static final int BOOLEAN = 4;
    static final int BYTES = 5;

    static final ScalarCodec<String> STRINGS = new ScalarCodec<>(STRING);
    static final ScalarCodec<Integer> INTS = new ScalarCodec<>(INT);
    static final ScalarCodec<Long> LONGS = new ScalarCodec<>(LONG);
    static final ScalarCodec<Double> DOUBLES = new ScalarCodec<>(DOUBLE);
    static final ScalarCodec<Boolean> BOOLEANS = new ScalarCodec<>(BOOLEAN);
    static final ScalarCodec<byte[]> BYTE_ARRAYS = new ScalarCodec<>(BYTES);

    private final int kind;

    private ScalarCodec(int kind) {
        this.kind = kind;
    }

    @Override
    void writeJson(T value, JsonWriter out) {
        switch (kind) {
            case STRING -> out.string((String) value);
            case INT -> out.intValue((Integer) value);
            case LONG -> out.longValue((Long) value);
            case DOUBLE -> out.doubleValue((Double) value);
            case BOOLEAN -> out.booleanValue((Boolean) value);
            default -> out.bytesValue((byte[]) value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    T readJson(JsonReader in) {
        Object v = switch (kind) {
            case STRING -> in.readString();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            default -> {
                int position = in.mark();
                yield Base64Text.decode(in.readString(), position);
            }
        };
        return (T) v;
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
        switch (kind) {
            case STRING -> out.writeString((String) value);
            case INT -> out.writeZigZag((Integer) value);
            case LONG -> out.writeZigZagLong((Long) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case BOOLEAN -> out.writeByte((Boolean) value ? 1 : 0);
            default -> out.writeBytes((byte[]) value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    T readBinary(BinaryReader in) {
        Object v = switch (kind) {
            case STRING -> in.readString();
            case INT -> in.readZigZag();
            case LONG -> in.readZigZagLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            default -> in.readBytes();
        };
        return (T) v;
    }

    @Override
    int minBinarySize() {
        return kind == DOUBLE ? 8 : 1;
    }
}
