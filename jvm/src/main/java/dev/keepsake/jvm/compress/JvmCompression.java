package dev.keepsake.jvm.compress;

import dev.keepsake.core.compress.Compression;
import dev.keepsake.core.format.Compressor;
import java.util.Objects;
import net.jpountz.lz4.LZ4Factory;

/**
 * The compressors of the JVM: gzip ({@code java.util.zip}), LZ4 (lz4-java, byte-compatible with
 * core's portable LZ4) and Zstandard (zstd-jni). Each factory checks availability when called,
 * so a missing native library is reported at configuration time, never when a value is
 * written.
 *
 * <pre>{@code
 * PersistenceConfig config = PersistenceConfig.builder()
 *         .compressor(JvmCompression.of(Compression.zstd(9)))
 *         .build();
 * }</pre>
 */
public final class JvmCompression {

    private JvmCompression() {
    }

    /** Returns gzip at level 6. */
    public static Compressor gzip() {
        return of(Compression.gzip());
    }

    /**
     * Returns gzip at {@code level}.
     *
     * @throws IllegalArgumentException if {@code level} is not 1&ndash;9
     */
    public static Compressor gzip(int level) {
        return of(Compression.gzip(level));
    }

    /** Returns LZ4 on lz4-java; LZ4's fast mode has no levels. */
    public static Compressor lz4() {
        return of(Compression.lz4());
    }

    /**
     * Returns Zstandard at level 3.
     *
     * @throws IllegalArgumentException if zstd-jni's native library cannot be loaded here
     */
    public static Compressor zstd() {
        return of(Compression.zstd());
    }

    /**
     * Returns Zstandard at {@code level}.
     *
     * @throws IllegalArgumentException if {@code level} is not 1&ndash;22, or zstd-jni's native
     *     library cannot be loaded here
     */
    public static Compressor zstd(int level) {
        return of(Compression.zstd(level));
    }

    /**
     * Returns the JVM's compressor for {@code compression}.
     *
     * @throws NullPointerException if {@code compression} is null
     * @throws IllegalArgumentException if the algorithm cannot run on this JVM (zstd without
     *     its native library)
     */
    public static Compressor of(Compression compression) {
        Objects.requireNonNull(compression, "compression");
        switch (compression.algorithm()) {
            case GZIP:
                return new GzipCompressor(compression.level());
            case LZ4:
                return new Lz4JavaCompressor(LZ4Factory.fastestInstance());
            case ZSTD:
                checkZstdLoads();
                return new ZstdCompressor(compression.level());
            default:
                throw new IllegalArgumentException(compression + " is not available on the JVM");
        }
    }

    private static void checkZstdLoads() {
        try {
            com.github.luben.zstd.util.Native.load();
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalArgumentException("zstd is not available on this JVM: zstd-jni could not load its native"
                    + " library for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + " (" + e + "); choose gzip or lz4", e);
        }
    }
}
