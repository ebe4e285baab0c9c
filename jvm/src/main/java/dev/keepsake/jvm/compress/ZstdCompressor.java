package dev.keepsake.jvm.compress;

import com.github.luben.zstd.Zstd;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.compress.Compression;
import dev.keepsake.core.format.Compressor;
import java.util.Arrays;

/**
 * Zstandard (id 3) on zstd-jni at a level from 1 to 22. Frames carry their content size; a
 * declared size above {@code maxOutput} is refused before anything is allocated, and a frame
 * without one decompresses into a buffer of at most {@code maxOutput} bytes, so a bomb costs
 * at most that much memory. Settles synchronously; stateless and thread-safe.
 */
final class ZstdCompressor implements Compressor {

    private final int level;

    ZstdCompressor(int level) {
        this.level = level;
    }

    @Override
    public int id() {
        return Compressor.ZSTD;
    }

    @Override
    public String name() {
        return Compression.Algorithm.ZSTD.label();
    }

    @Override
    public Async<byte[]> compress(byte[] data) {
        try {
            return Async.of(Zstd.compress(data, level));
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public Async<byte[]> decompress(byte[] data, int maxOutput) {
        try {
            long declared = Zstd.getFrameContentSize(data);
            if (declared > maxOutput) {
                throw new IllegalArgumentException("zstd frame declares " + declared + " bytes, more than the limit of "
                        + maxOutput);
            }
            // Unknown (-1) or an error (< -1): bound the buffer by the limit; zstd reports overflow.
            int capacity = declared >= 0 ? (int) declared : maxOutput;
            byte[] out = new byte[capacity];
            long n = Zstd.decompressByteArray(out, 0, capacity, data, 0, data.length);
            if (Zstd.isError(n)) {
                throw new IllegalArgumentException("malformed zstd data: " + Zstd.getErrorName(n));
            }
            return Async.of(n == capacity ? out : Arrays.copyOf(out, (int) n));
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public String toString() {
        return "ZstdCompressor[level " + level + "]";
    }
}
