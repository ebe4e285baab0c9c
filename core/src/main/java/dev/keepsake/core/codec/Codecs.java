package dev.keepsake.core.codec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds {@link Codec}s: scalars, collections, optional and nullable values, enums, records
 * field by field and tagged unions of records.
 *
 * <pre>{@code
 * record Point(int x, int y) {}
 * record Route(String name, List<Point> points, Optional<String> note) {}
 *
 * Codec<Point> point = Codecs.record(Point::new,
 *         Codecs.field("x", Codecs.ints(), Point::x),
 *         Codecs.field("y", Codecs.ints(), Point::y));
 * Codec<Route> route = Codecs.record(Route::new,
 *         Codecs.field("name", Codecs.strings(), Route::name),
 *         Codecs.field("points", Codecs.lists(point), Route::points),
 *         Codecs.field("note", Codecs.optional(Codecs.strings()), Route::note));
 * }</pre>
 *
 * <p><b>Evolution rules.</b> JSON reading ignores members it does not know (forward
 * compatibility), fills missing members from a field's {@linkplain Field#withDefault default}
 * or as empty/null for {@link #optional}/{@link #nullable} fields, and otherwise fails with a
 * {@link dev.keepsake.core.error.SerializationException} naming the field's path (for example
 * {@code missing required field "y" at $.points[2]}). The binary format stores fields by
 * position and carries no names: adding, removing or reordering fields needs a schema version
 * and a migration. Enum constants and union variants are stored by name in JSON and by
 * position in binary, so append new ones at the end.
 *
 * <p>Decoded lists and maps are unmodifiable and keep input order. All codecs are immutable
 * and may be shared between threads.
 */
public final class Codecs {
    private Codecs() {
    }

    /** A constructor or factory of 3 arguments, such as a record's canonical constructor. */
    @FunctionalInterface
    public interface Constructor3<A, B, C, R> {
        /** Creates the value. */
        R create(A a, B b, C c);
    }

    /** A constructor or factory of 4 arguments, such as a record's canonical constructor. */
    @FunctionalInterface
    public interface Constructor4<A, B, C, D, R> {
        /** Creates the value. */
        R create(A a, B b, C c, D d);
    }

    /** A constructor or factory of 5 arguments, such as a record's canonical constructor. */
    @FunctionalInterface
    public interface Constructor5<A, B, C, D, E, R> {
        /** Creates the value. */
        R create(A a, B b, C c, D d, E e);
    }

    /** A constructor or factory of 6 arguments, such as a record's canonical constructor. */
    @FunctionalInterface
    public interface Constructor6<A, B, C, D, E, F, R> {
        /** Creates the value. */
        R create(A a, B b, C c, D d, E e, F f);
    }

    /** A constructor or factory of 7 arguments, such as a record's canonical constructor. */
    @FunctionalInterface
    public interface Constructor7<A, B, C, D, E, F, G, R> {
        /** Creates the value. */
        R create(A a, B b, C c, D d, E e, F f, G g);
    }

    /** A constructor or factory of 8 arguments, such as a record's canonical constructor. */
    @FunctionalInterface
    public interface Constructor8<A, B, C, D, E, F, G, H, R> {
        /** Creates the value. */
        R create(A a, B b, C c, D d, E e, F f, G g, H h);
    }

    /** Strings: JSON strings (UTF-8); binary: byte length varint then UTF-8. */
    public static Codec<String> strings() {
        return ScalarCodec.STRINGS;
    }

    /** 32-bit ints: JSON integers; binary: zigzag varint. */
    public static Codec<Integer> ints() {
        return ScalarCodec.INTS;
    }

    /** 64-bit longs: JSON integers written and read exactly (also beyond 2^53); binary: zigzag varint. */
    public static Codec<Long> longs() {
        return ScalarCodec.LONGS;
    }

    /**
     * Doubles: JSON numbers in the shortest text that reads back to the same double (NaN and
     * infinities cannot be written as JSON and fail); binary: 8 bytes IEEE 754, little-endian,
     * any value.
     */
    public static Codec<Double> doubles() {
        return ScalarCodec.DOUBLES;
    }

    /** Booleans: JSON true/false; binary: one byte 0 or 1. */
    public static Codec<Boolean> booleans() {
        return ScalarCodec.BOOLEANS;
    }

    /**
     * Byte arrays: JSON base64 strings (standard alphabet, padded, as Jackson writes them); binary: length varint then
     * the bytes.
     */
    public static Codec<byte[]> bytes() {
        return ScalarCodec.BYTE_ARRAYS;
    }

    /** Lists of elements of one codec: JSON arrays; binary: count varint then the elements. */
    public static <T> Codec<List<T>> lists(Codec<T> element) {
        return new ListCodec<>(require(element, "element codec"));
    }

    /** Maps with string keys, in iteration order: JSON objects; binary: count varint then name and value pairs. */
    public static <V> Codec<Map<String, V>> maps(Codec<V> value) {
        return new MapCodec<>(require(value, "value codec"));
    }

    /**
     * Optional values: JSON null, or a left-out member when a record field; binary: a byte 0 or 1, then the value if
     * present.
     */
    public static <T> Codec<Optional<T>> optional(Codec<T> codec) {
        return new OptionalCodec<>(require(codec, "codec"));
    }

    /** Values that may be null, stored like {@link #optional}. */
    public static <T> Codec<T> nullable(Codec<T> codec) {
        require(codec, "codec");
        return codec.acceptsNull() ? codec : new NullableCodec<>(codec);
    }

    /**
     * Enum constants: their {@code name()} in JSON; in binary their index in {@code constants}.
     *
     * @param constants the constants, normally {@code MyEnum.values()}
     * @throws IllegalArgumentException if a constant is given twice
     */
    @SafeVarargs
    public static <E extends Enum<E>> Codec<E> enums(E... constants) {
        return new EnumCodec<>(require(constants, "constants"));
    }

    /** Any JSON value (see {@link JsonValue}); in binary a kind byte then the content. */
    public static Codec<JsonValue> json() {
        return JsonValueCodec.INSTANCE;
    }

    /** A codec obtained on first use, for recursive shapes (a tree whose nodes hold lists of trees). */
    public static <T> Codec<T> lazy(Supplier<Codec<T>> codec) {
        return new LazyCodec<>(require(codec, "supplier"));
    }

    /**
     * Starts a tagged union: in JSON the variant's object with the member {@code tagName} first
     * (as Jackson's {@code @JsonTypeInfo(use = NAME, property = tagName)} writes it); in binary
     * the variant's position as a varint, then the variant.
     *
     * @throws IllegalArgumentException if tagName is empty
     */
    public static <T> UnionBuilder<T> union(String tagName) {
        if (require(tagName, "tag name").isEmpty()) {
            throw new IllegalArgumentException("tag name must not be empty");
        }
        return new UnionBuilder<>(tagName);
    }

    /**
     * Describes one field of a record.
     *
     * @param name the JSON member name
     * @param codec the field value's codec
     * @param getter reads the field from a record, e.g. {@code Point::x}
     * @throws IllegalArgumentException if name is empty
     */
    public static <R, F> Field<R, F> field(String name, Codec<F> codec, Function<? super R, ? extends F> getter) {
        if (require(name, "name").isEmpty()) {
            throw new IllegalArgumentException("field name must not be empty");
        }
        return new Field<>(name, require(codec, "codec"), require(getter, "getter"), false, null);
    }

    /** A record without fields (a singleton variant of a union): an empty JSON object, no bytes in binary. */
    public static <R> Codec<R> record(Supplier<R> constructor) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(), v -> constructor.get());
    }

    /** A record of one field. */
    public static <R, A> Codec<R> record(Function<A, R> constructor, Field<R, A> a) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(a), v -> constructor.apply(cast(v[0])));
    }

    /** A record of two fields. */
    public static <R, A, B> Codec<R> record(BiFunction<A, B, R> constructor, Field<R, A> a, Field<R, B> b) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(a, b), v -> constructor.apply(cast(v[0]), cast(v[1])));
    }

    /** A record of three fields. */
    public static <R, A, B, C> Codec<R> record(Constructor3<A, B, C, R> constructor, Field<R, A> a, Field<R, B> b,
            Field<R, C> c) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(a, b, c), v -> constructor.create(cast(v[0]), cast(v[1]), cast(v[2])));
    }

    /** A record of four fields. */
    public static <R, A, B, C, D> Codec<R> record(Constructor4<A, B, C, D, R> constructor, Field<R, A> a, Field<R, B> b,
            Field<R, C> c, Field<R, D> d) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(a, b, c, d),
                v -> constructor.create(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3])));
    }

    /** A record of five fields. */
    public static <R, A, B, C, D, E> Codec<R> record(Constructor5<A, B, C, D, E, R> constructor, Field<R, A> a,
            Field<R, B> b, Field<R, C> c, Field<R, D> d, Field<R, E> e) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(a, b, c, d, e),
                v -> constructor.create(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3]), cast(v[4])));
    }

    /** A record of six fields. */
    public static <R, A, B, C, D, E, F> Codec<R> record(Constructor6<A, B, C, D, E, F, R> constructor, Field<R, A> a,
            Field<R, B> b, Field<R, C> c, Field<R, D> d, Field<R, E> e, Field<R, F> f) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(a, b, c, d, e, f),
                v -> constructor.create(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3]), cast(v[4]), cast(v[5])));
    }

    /** A record of seven fields. */
    public static <R, A, B, C, D, E, F, G> Codec<R> record(Constructor7<A, B, C, D, E, F, G, R> constructor,
            Field<R, A> a, Field<R, B> b, Field<R, C> c, Field<R, D> d, Field<R, E> e, Field<R, F> f, Field<R, G> g) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(a, b, c, d, e, f, g),
                v -> constructor.create(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3]), cast(v[4]), cast(v[5]),
                        cast(v[6])));
    }

    /** A record of eight fields. */
    public static <R, A, B, C, D, E, F, G, H> Codec<R> record(Constructor8<A, B, C, D, E, F, G, H, R> constructor,
            Field<R, A> a, Field<R, B> b, Field<R, C> c, Field<R, D> d, Field<R, E> e, Field<R, F> f, Field<R, G> g,
            Field<R, H> h) {
        require(constructor, "constructor");
        return new RecordCodec<R>(fields(a, b, c, d, e, f, g, h),
                v -> constructor.create(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3]), cast(v[4]), cast(v[5]),
                        cast(v[6]), cast(v[7])));
    }

    @SafeVarargs
    private static <R> Field<R, ?>[] fields(Field<R, ?>... fields) {
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new NullPointerException(what + " is required");
        }
        return value;
    }
}
