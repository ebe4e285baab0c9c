package dev.keepsake.jvm.compress;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.compress.Compression;
import dev.keepsake.core.compress.Compressors;
import dev.keepsake.core.format.Compressor;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 (id 2) on lz4-java's fastest available implementation, writing exactly the layout of
 * core's portable LZ4 compressor: a 4-byte little-endian original length, then one LZ4 block.
 * Either side reads the other's output (the compressors may choose different matches, so the
 * bytes may differ; both are valid blocks). The declared length is checked against
 * {@code maxOutput} before anything is allocated, and the block must decode to exactly that
 * length. Settles synchronously; thread-safe.
 */
final class Lz4JavaCompressor implements Compressor {

    private static final int PREFIX_BYTES = 4;

    private final LZ4Compressor compressor;
    private final LZ4SafeDecompressor decompressor;

    Lz4JavaCompressor(LZ4Factory factory) {
        this.compressor = factory.fastCompressor();
        this.decompressor = factory.safeDecompressor();
    }

    @Override
    public int id() {
        return Compressor.LZ4;
    }

    @Override
    public String name() {
        return Compression.Algorithm.LZ4.label();
    }

    @Override
    public Async<byte[]> compress(byte[] data) {
        try {
            byte[] out = new byte[PREFIX_BYTES + compressor.maxCompressedLength(data.length)];
            out[0] = (byte) data.length;
            out[1] = (byte) (data.length >>> 8);
            out[2] = (byte) (data.length >>> 16);
            out[3] = (byte) (data.length >>> 24);
            int n = compressor.compress(data, 0, data.length, out, PREFIX_BYTES, out.length - PREFIX_BYTES);
            return Async.of(java.util.Arrays.copyOf(out, PREFIX_BYTES + n));
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public Async<byte[]> decompress(byte[] data, int maxOutput) {
        try {
            int length = Compressors.lz4DeclaredLength(data, maxOutput);
            byte[] out = new byte[length];
            int n = decompressor.decompress(data, PREFIX_BYTES, data.length - PREFIX_BYTES, out, 0, length);
            if (n != length) {
                throw new IllegalArgumentException("LZ4 block decodes to " + n + " bytes, expected " + length);
            }
            return Async.of(out);
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public String toString() {
        return "Lz4JavaCompressor[" + compressor + "]";
    }
}
