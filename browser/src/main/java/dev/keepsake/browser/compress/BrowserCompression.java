package dev.keepsake.browser.compress;

import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.format.Compressor;

/**
 * The compressors of Keepsake in the browser (JavaScript and WebAssembly builds).
 *
 * <table>
 *   <caption>What runs where</caption>
 *   <tr><th>algorithm (id)</th><th>implementation</th><th>notes</th></tr>
 *   <tr><td>gzip (1)</td><td>the browser's {@code CompressionStream}</td><td>level chosen by the
 *       browser (zlib's default, 6, in Chromium); Chromium 80+, Firefox 113+, Safari 16.4+</td></tr>
 *   <tr><td>LZ4 (2)</td><td>core's pure-Java LZ4</td><td>everywhere</td></tr>
 *   <tr><td>zstd (3)</td><td>none</td><td>not available in the browser</td></tr>
 * </table>
 *
 * <p>Every compressor writes bytes the JVM reads and reads what the JVM writes. A missing
 * platform facility is reported here, at configuration, as {@link BackendUnavailableException},
 * never later when a value is written.
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

    static Compressor gzip(boolean present) {
        if (!present) {
            throw new BackendUnavailableException("compression-streams", null,
                    "gzip needs CompressionStream and DecompressionStream, which this browser lacks"
                            + " (Chromium 80+, Firefox 113+, Safari 16.4+); use LZ4 instead", null);
        }
        return GzipStreamCompressor.INSTANCE;
    }
}
