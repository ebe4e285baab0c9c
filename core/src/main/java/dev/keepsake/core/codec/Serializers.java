package dev.keepsake.core.codec;

/**
 * Makes {@link Serializer}s from {@link Codec}s. Serializers are immutable and thread-safe.
 */
public final class Serializers {
    /**
     * The largest nesting limit accepted (objects and arrays, or records and lists), and the
     * default. Reading and writing are recursive; at this depth they fit a 512 KB thread stack
     * on the JVM, before the JIT compiler has shrunk any frame, and the browser's stack in
     * JavaScript and wasm-gc, in the shapes that recurse hardest (a union read twice because
     * its tag comes last overflowed 512 KB at 512 levels).
     */
    public static final int MAX_DEPTH = 256;
    /** Default limit on nesting depth: {@link #MAX_DEPTH}. */
    public static final int DEFAULT_MAX_DEPTH = MAX_DEPTH;

    private Serializers() {
    }

    /**
     * Returns the JSON serializer of a codec (format id 1): RFC 8259 text in UTF-8, compact (no
     * whitespace), member names as the codec declares them. Reading is strict (no comments,
     * trailing commas, leading zeros, byte-order mark, invalid UTF-8 or unpaired surrogates;
     * nothing but whitespace after the value) and nesting is limited to {@link
     * #DEFAULT_MAX_DEPTH}. Doubles are written in their shortest exact form and read correctly
     * rounded, identically on every platform; NaN and infinities cannot be written. Longs are
     * read and written exactly.
     */
    public static <T> Serializer<T> json(Codec<T> codec) {
        return json(codec, DEFAULT_MAX_DEPTH);
    }

    /**
     * Returns the JSON serializer of a codec with a nesting limit.
     *
     * @throws IllegalArgumentException if maxDepth is below 1 or above {@link #MAX_DEPTH}
     *     (deeper nesting would risk the stack)
     */
    public static <T> Serializer<T> json(Codec<T> codec, int maxDepth) {
        return new JsonSerializer<>(requireCodec(codec), checkDepth(maxDepth));
    }

    /**
     * Returns the compact binary serializer of a codec (format id 2). The layout is decided by
     * the codec alone; there is no header, field names or type information:
     *
     * <table>
     *   <caption>Binary layout by codec</caption>
     *   <tr><th>codec</th><th>bytes</th></tr>
     *   <tr><td>{@code ints()}</td><td>zigzag, then unsigned LEB128 varint (1–5 bytes)</td></tr>
     *   <tr><td>{@code longs()}</td><td>zigzag, then unsigned LEB128 varint (1–10 bytes)</td></tr>
     *   <tr><td>{@code doubles()}</td><td>8 bytes, IEEE 754 bits, little-endian</td></tr>
     *   <tr><td>{@code booleans()}</td><td>1 byte: 0 or 1</td></tr>
     *   <tr><td>{@code strings()}</td><td>varint byte length, then UTF-8</td></tr>
     *   <tr><td>{@code bytes()}</td><td>varint length, then the bytes</td></tr>
     *   <tr><td>{@code lists(c)}</td><td>varint count, then each element</td></tr>
     *   <tr><td>{@code maps(c)}</td><td>varint count, then per entry: key as a string, value</td></tr>
     *   <tr><td>{@code optional(c)}, {@code nullable(c)}</td><td>1 byte: 0 absent, or 1 then the value</td></tr>
     *   <tr><td>{@code enums(...)}</td><td>varint index of the constant in the given constants</td></tr>
     *   <tr><td>{@code record(...)}</td><td>each field's value in declaration order (no count, no names)</td></tr>
     *   <tr><td>{@code union(...)}</td><td>varint index of the variant in declaration order, then the record</td></tr>
     *   <tr><td>{@code json()}</td><td>kind byte (0 null, 1 false, 2 true, 3 number, 4 string, 5 array,
     *       6 object), then the number's text or the string as a string, the array's count and
     *       elements, or the object's count and name/value pairs</td></tr>
     *   <tr><td>{@code c.map(...)}</td><td>as {@code c}</td></tr>
     * </table>
     *
     * <p>Varints must be minimal. Reading checks every length against the bytes that remain
     * before allocating and limits nesting to {@link #DEFAULT_MAX_DEPTH}, so truncated or
     * damaged input fails with a {@link dev.keepsake.core.error.SerializationException}, never
     * another exception, a hang or an out-of-memory error: collections are pre-sized only as far
     * as one slot per input byte allows across the whole value, and a value holds at most 2^20
     * list elements that take no bytes (field-less records), so memory and work stay
     * proportional to the input's length plus that constant.
     */
    public static <T> Serializer<T> binary(Codec<T> codec) {
        return new BinarySerializer<>(requireCodec(codec), DEFAULT_MAX_DEPTH);
    }

    private static <T> Codec<T> requireCodec(Codec<T> codec) {
        if (codec == null) {
            throw new NullPointerException("codec is required");
        }
        return codec;
    }

    private static int checkDepth(int maxDepth) {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("max depth must be between 1 and " + MAX_DEPTH + ", was " + maxDepth);
        }
        return maxDepth;
    }
}
