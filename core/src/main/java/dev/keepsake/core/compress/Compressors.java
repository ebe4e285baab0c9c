package dev.keepsake.core.compress;

import dev.keepsake.core.format.Compressor;
import java.util.Objects;

/**
 * The compressors core implements in plain Java, available on every platform: LZ4. gzip and
 * zstd need a platform implementation (the JVM's {@code JvmCompression}, the browser's
 * {@code CompressionStream} gzip); asking core for them fails at once, at configuration time.
 */
public final class Compressors {

    private Compressors() {
    }

    /** Returns LZ4 (id 2) in plain Java; it has no levels. */
    public static Compressor lz4() {
        return Lz4Compressor.INSTANCE;
    }

    /**
     * Returns core's compressor for {@code compression}.
     *
     * @throws NullPointerException if {@code compression} is null
     * @throws IllegalArgumentException if core has no implementation of the algorithm (gzip,
     *     zstd: use the platform's compressors)
     */
    public static Compressor of(Compression compression) {
        Objects.requireNonNull(compression, "compression");
        if (compression.algorithm() == Compression.Algorithm.LZ4) {
            return lz4();
        }
        throw new IllegalArgumentException(compression.algorithm().label()
                + " is not available in core's portable compressors (only lz4); use JvmCompression on the JVM"
                + " or the browser's compressors");
    }

    /**
     * Returns the original length a size-prefixed LZ4 body (the layout of the LZ4 compressor,
     * id 2) declares, so platform LZ4 implementations validate it by the same rule.
     *
     * @throws NullPointerException if {@code body} is null
     * @throws Lz4FormatException if the body is too short or declares a negative length or one
     *     above {@code maxOutput}
     */
    public static int lz4DeclaredLength(byte[] body, int maxOutput) {
        Objects.requireNonNull(body, "body");
        return Lz4Compressor.declaredLength(body, maxOutput);
    }
}
