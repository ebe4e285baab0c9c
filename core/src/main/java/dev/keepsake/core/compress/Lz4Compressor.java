package dev.keepsake.core.compress;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Compressor;

/**
 * LZ4 as an envelope {@link Compressor} (id 2), on core's pure-Java {@link Lz4Block}, so it
 * runs on every platform. The body is the original length followed by one LZ4 block, the
 * layout of lz4-java's {@code LZ4CompressorWithLength}:
 *
 * <pre>
 * | field           | size | meaning                                             |
 * |-----------------|------|-----------------------------------------------------|
 * | original length | 4    | little-endian, the length of the decompressed bytes |
 * | block           | n    | one LZ4 block (see {@link Lz4Block})                |
 * </pre>
 *
 * <p>The prefix makes the body self-describing, so {@link #decompress} checks the declared
 * length against {@code maxOutput} before allocating anything. Malformed input fails the
 * result with {@link Lz4FormatException} (the envelope reports it as corrupted data naming the
 * key). Settles synchronously; stateless and thread-safe.
 */
final class Lz4Compressor implements Compressor {

    static final Lz4Compressor INSTANCE = new Lz4Compressor();

    /** Bytes of the little-endian original length before the block. */
    static final int PREFIX_BYTES = 4;

    private Lz4Compressor() {
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
            byte[] block = Lz4Block.compress(data);
            byte[] out = new byte[PREFIX_BYTES + block.length];
            writeIntLe(out, 0, data.length);
            System.arraycopy(block, 0, out, PREFIX_BYTES, block.length);
            return Async.of(out);
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    @Override
    public Async<byte[]> decompress(byte[] data, int maxOutput) {
        try {
            int length = declaredLength(data, maxOutput);
            return Async.of(Lz4Block.decompress(data, PREFIX_BYTES, data.length - PREFIX_BYTES, length));
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    /**
     * Returns the original length a size-prefixed LZ4 body declares, checked against
     * {@code maxOutput}.
     *
     * @throws Lz4FormatException if the body is shorter than its prefix or declares a negative
     *     length or one above {@code maxOutput}
     */
    static int declaredLength(byte[] data, int maxOutput) {
        if (data.length < PREFIX_BYTES + 1) {
            throw new Lz4FormatException("LZ4 body of " + data.length + " bytes is too short for a length and a block");
        }
        int length = (data[0] & 0xFF) | (data[1] & 0xFF) << 8 | (data[2] & 0xFF) << 16 | data[3] << 24;
        if (length < 0 || length > maxOutput) {
            throw new Lz4FormatException("LZ4 body declares " + (length & 0xFFFFFFFFL)
                    + " bytes, more than the limit of " + maxOutput);
        }
        return length;
    }

    private static void writeIntLe(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
        b[offset + 2] = (byte) (value >>> 16);
        b[offset + 3] = (byte) (value >>> 24);
    }

    @Override
    public String toString() {
        return "Lz4Compressor[core]";
    }
}
