package dev.keepsake.browser.compress;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Compressor;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * gzip (RFC 1952, compressor id 1) by the browser's native {@code CompressionStream}, so that
 * no Java inflater is compiled into the browser build. The output is ordinary single-member
 * gzip that the JDK's {@code GZIPInputStream} reads, and this reads the JDK's
 * {@code GZIPOutputStream} output.
 *
 * <p>The browser chooses the deflate level (Chromium uses zlib's default, 6) and offers no way
 * to change it. Decompression stops reading and fails as soon as the output passes the limit,
 * so a decompression bomb costs at most that much memory plus one chunk. Failures are
 * {@link CompressionStreamException}s, which the envelope reports as
 * {@code CorruptedDataException} naming the key. Stateless and safe to share.
 */
final class GzipStreamCompressor implements Compressor {

    static final GzipStreamCompressor INSTANCE = new GzipStreamCompressor();

    private GzipStreamCompressor() {
    }

    @Override
    public int id() {
        return GZIP;
    }

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public Async<byte[]> compress(byte[] data) {
        Async.Completer<byte[]> result = Async.completer();
        CompressionStreams.compress("gzip", Int8Array.copyFromJavaArray(data),
                output -> result.complete(output.copyToJavaArray()),
                (name, message) -> result.fail(new CompressionStreamException(
                        "CompressionStream('gzip') failed: " + name + ": " + message)));
        return result.async();
    }

    @Override
    public Async<byte[]> decompress(byte[] data, int maxOutput) {
        if (maxOutput < 0) {
            return Async.failed(new IllegalArgumentException("max output must not be negative: " + maxOutput));
        }
        Async.Completer<byte[]> result = Async.completer();
        CompressionStreams.decompress("gzip", Int8Array.copyFromJavaArray(data), maxOutput,
                output -> result.complete(output.copyToJavaArray()),
                (name, message) -> result.fail(new CompressionStreamException(
                        "gzip data does not decompress: " + name + ": " + message)));
        return result.async();
    }

    @Override
    public String toString() {
        return "gzip (CompressionStream)";
    }
}
