package dev.keepsake.jvm.compress;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.compress.Compression;
import dev.keepsake.core.format.Compressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * gzip (RFC 1952, id 1) with {@code java.util.zip} at a level from 1 to 9: the same stream the
 * browser's {@code CompressionStream("gzip")} reads and writes. Decompression stops with an
 * exception as soon as the output passes {@code maxOutput}, so a bomb costs at most that much
 * memory. Settles synchronously; stateless and thread-safe.
 */
final class GzipCompressor implements Compressor {

    private final int level;

    GzipCompressor(int level) {
        this.level = level;
    }

    @Override
    public int id() {
        return Compressor.GZIP;
    }

    @Override
    public String name() {
        return Compression.Algorithm.GZIP.label();
    }

    @Override
    public Async<byte[]> compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream gzip = new LeveledGzipOutputStream(out, level)) {
            gzip.write(data);
        } catch (IOException e) {
            return Async.failed(new UncheckedIOException(e));
        }
        return Async.of(out.toByteArray());
    }

    @Override
    public Async<byte[]> decompress(byte[] data, int maxOutput) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 8192)) {
            byte[] out = new byte[Math.min(maxOutput, Math.max(64, data.length * 4))];
            int n = 0;
            while (true) {
                if (n == out.length) {
                    // One byte past the limit proves the output is too large without reading more.
                    if (n >= maxOutput) {
                        if (in.read() >= 0) {
                            throw new IOException("gzip output exceeds the limit of " + maxOutput + " bytes");
                        }
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(maxOutput, 2L * out.length));
                }
                int r = in.read(out, n, out.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return Async.of(n == out.length ? out : Arrays.copyOf(out, n));
        } catch (IOException | RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public String toString() {
        return "GzipCompressor[level " + level + "]";
    }

    /** {@link GZIPOutputStream} with a chosen deflate level; the JDK offers no constructor for it. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 8192);
            def.setLevel(level);
        }
    }
}
