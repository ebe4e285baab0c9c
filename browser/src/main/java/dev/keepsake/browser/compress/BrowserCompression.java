package dev.keepsake.browser.compress;

import dev.keepsake.core.compress.Compression;
import dev.keepsake.core.compress.Compressors;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.format.Compressor;
import java.util.Objects;

/**
 * The compressors of Keepsake in the browser (JavaScript and WebAssembly builds): the
 * browser's counterpart of the JVM's {@code JvmCompression}, turning a typed
 * {@link Compression} into a {@link Compressor}.
 *
 * <table>
 *   <caption>What runs where</caption>
 *   <tr><th>algorithm (id)</th><th>implementation</th><th>notes</th></tr>
 *   <tr><td>gzip (1)</td><td>the browser's {@code CompressionStream}</td><td>the level is
 *       ignored: the browser uses its own (zlib's default, 6, in Chromium); Chromium 80+,
 *       Firefox 113+, Safari 16.4+</td></tr>
 *   <tr><td>lz4 (2)</td><td>core's pure-Java LZ4</td><td>everywhere</td></tr>
 *   <tr><td>zstd (3)</td><td>none</td><td>rejected: no browser ships Zstandard compression</td></tr>
 * </table>
 *
 * <p>Every compressor writes bytes the JVM reads and reads what the JVM writes, at any level.
 * Problems are reported here, when compression is configured, never later when a value is
 * written: an algorithm the browser build cannot offer (zstd) by
 * {@link IllegalArgumentException}, as core's and the JVM's factories do; a facility this
 * particular browser lacks ({@code CompressionStream}) by {@link BackendUnavailableException}.
 */
public final class BrowserCompression {

    private BrowserCompression() {
    }

    /** Returns whether {@code CompressionStream} and {@code DecompressionStream} exist here. */
    public static boolean isGzipAvailable() {
        return CompressionStreams.isPresent();
    }

    /**
     * Returns gzip (compressor id 1) by the browser's {@code CompressionStream}.
     *
     * @throws BackendUnavailableException if the browser lacks {@code CompressionStream}
     */
    public static Compressor gzip() {
        return gzip(CompressionStreams.isPresent());
    }

    /** Returns LZ4 (compressor id 2) by core's pure-Java code. */
    public static Compressor lz4() {
        return Compressors.lz4();
    }

    /**
     * Returns the browser's compressor for {@code compression}; a gzip level is accepted and
     * ignored, since {@code CompressionStream} has none.
     *
     * @throws NullPointerException if {@code compression} is null
     * @throws IllegalArgumentException for zstd, which the browser does not offer
     * @throws BackendUnavailableException for gzip where the browser lacks {@code CompressionStream}
     */
    public static Compressor of(Compression compression) {
        return of(compression, CompressionStreams.isPresent());
    }

    // The factories call each other only downwards, so that a build referencing gzip() alone
    // carries neither LZ4 nor anything else of(...) could return.
    private static Compressor gzip(boolean streamsPresent) {
        if (!streamsPresent) {
            throw new BackendUnavailableException("compression-streams", null,
                    "gzip needs CompressionStream and DecompressionStream, which this browser lacks"
                            + " (Chromium 80+, Firefox 113+, Safari 16.4+); choose lz4", null);
        }
        return GzipStreamCompressor.INSTANCE;
    }

    static Compressor of(Compression compression, boolean streamsPresent) {
        Objects.requireNonNull(compression, "compression");
        switch (compression.algorithm()) {
            case GZIP:
                return gzip(streamsPresent);
            case LZ4:
                return Compressors.lz4();
            case ZSTD:
                throw new IllegalArgumentException("zstd is not available in the browser: no browser offers"
                        + " Zstandard compression to pages; choose gzip or lz4 (the JVM reads both)");
            default:
                throw new IllegalArgumentException(compression + " is not available in the browser");
        }
    }
}
