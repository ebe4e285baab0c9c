package dev.keepsake.core.compress;

import dev.keepsake.core.format.Compressor;
import java.util.Objects;

/**
 * A typed choice of compression: an algorithm and, where the algorithm has them, a level. A
 * platform turns it into a {@link Compressor} (core's {@link Compressors#of}, the JVM's
 * {@code JvmCompression.of}, the browser's compressors), rejecting an algorithm the platform
 * lacks right then, at configuration time, never when a value is written. Levels are checked
 * here, when the choice is made.
 *
 * <table>
 *   <caption>Algorithms, levels and where they are available</caption>
 *   <tr><th>algorithm</th><th>id</th><th>levels</th><th>JVM</th><th>browser (JS, wasm-gc)</th></tr>
 *   <tr><td>gzip</td><td>1</td><td>1&ndash;9, default 6</td><td>{@code java.util.zip}</td>
 *       <td>{@code CompressionStream} (its own fixed level)</td></tr>
 *   <tr><td>lz4</td><td>2</td><td>none: LZ4's fast mode only</td><td>lz4-java or core</td>
 *       <td>core (pure Java)</td></tr>
 *   <tr><td>zstd</td><td>3</td><td>1&ndash;22, default 3</td><td>zstd-jni</td><td>not
 *       available</td></tr>
 * </table>
 *
 * <p>A level only changes how hard the writer tries; any reader of the algorithm reads every
 * level. Immutable and thread-safe.
 */
public final class Compression {

    /** The registered compression algorithms, by their envelope ids. */
    public enum Algorithm {
        /** gzip (RFC 1952): DEFLATE with a header and CRC-32. */
        GZIP(Compressor.GZIP, "gzip", 1, 9, 6),
        /** The LZ4 block format prefixed with the original length; no levels. */
        LZ4(Compressor.LZ4, "lz4", 0, 0, 0),
        /** Zstandard (RFC 8878) frames. */
        ZSTD(Compressor.ZSTD, "zstd", 1, 22, 3);

        private final int id;
        private final String label;
        private final int minLevel;
        private final int maxLevel;
        private final int defaultLevel;

        Algorithm(int id, String label, int minLevel, int maxLevel, int defaultLevel) {
            this.id = id;
            this.label = label;
            this.minLevel = minLevel;
            this.maxLevel = maxLevel;
            this.defaultLevel = defaultLevel;
        }

        /** Returns the id stored in the envelope. */
        public int id() {
            return id;
        }

        /** Returns the lowercase name used in messages, equal to the compressor's {@code name()}. */
        public String label() {
            return label;
        }

        /** Returns whether the algorithm has levels; LZ4 has none. */
        public boolean hasLevels() {
            return maxLevel > 0;
        }

        /** Returns the lowest level, 0 if the algorithm has none. */
        public int minLevel() {
            return minLevel;
        }

        /** Returns the highest level, 0 if the algorithm has none. */
        public int maxLevel() {
            return maxLevel;
        }

        /** Returns the level used when none is given, 0 if the algorithm has none. */
        public int defaultLevel() {
            return defaultLevel;
        }
    }

    private final Algorithm algorithm;
    private final int level;

    private Compression(Algorithm algorithm, int level) {
        this.algorithm = algorithm;
        this.level = level;
    }

    /** Returns gzip at its default level, 6. */
    public static Compression gzip() {
        return new Compression(Algorithm.GZIP, Algorithm.GZIP.defaultLevel);
    }

    /**
     * Returns gzip at {@code level}: 1 is fastest, 9 smallest.
     *
     * @throws IllegalArgumentException if {@code level} is not 1&ndash;9
     */
    public static Compression gzip(int level) {
        return withLevel(Algorithm.GZIP, level);
    }

    /** Returns LZ4 in its fast mode, which has no levels. */
    public static Compression lz4() {
        return new Compression(Algorithm.LZ4, 0);
    }

    /** Returns Zstandard at its default level, 3. */
    public static Compression zstd() {
        return new Compression(Algorithm.ZSTD, Algorithm.ZSTD.defaultLevel);
    }

    /**
     * Returns Zstandard at {@code level}: 1 is fastest, 22 smallest.
     *
     * @throws IllegalArgumentException if {@code level} is not 1&ndash;22
     */
    public static Compression zstd(int level) {
        return withLevel(Algorithm.ZSTD, level);
    }

    private static Compression withLevel(Algorithm algorithm, int level) {
        if (level < algorithm.minLevel || level > algorithm.maxLevel) {
            throw new IllegalArgumentException(algorithm.label + " level must be " + algorithm.minLevel + "-"
                    + algorithm.maxLevel + ", was " + level);
        }
        return new Compression(algorithm, level);
    }

    /** Returns the algorithm. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** Returns the level, or 0 for an algorithm without levels. */
    public int level() {
        return level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Compression c && c.algorithm == algorithm && c.level == level;
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, level);
    }

    @Override
    public String toString() {
        return algorithm.hasLevels() ? algorithm.label + " level " + level : algorithm.label;
    }
}
