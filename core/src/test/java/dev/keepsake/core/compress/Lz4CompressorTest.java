package dev.keepsake.core.compress;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Compressor;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** Core's LZ4 compressor: its body layout, its bound and its typed choice, on JVM, JS and wasm-gc. */
@RunWith(TeaVMTestRunner.class)
public class Lz4CompressorTest {

    private static byte[] value(Async<byte[]> async) {
        return async.peek();
    }

    private static byte[] text(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) "{\"key\":\"value\",\"n\":12345}"
                    .charAt(i % 25);
        }
        return b;
    }

    @Test
    public void theBodyIsTheLittleEndianLengthThenTheBlock() {
        byte[] data = text(1000);
        byte[] body = value(Compressors.lz4().compress(data));
        assertEquals(1000 & 0xFF, body[0] & 0xFF);
        assertEquals(1000 >> 8, body[1]);
        assertEquals(0, body[2]);
        assertEquals(0, body[3]);
        assertArrayEquals(Lz4Block.compress(data), Arrays.copyOfRange(body, 4, body.length));
        assertArrayEquals(data, value(Compressors.lz4().decompress(body, 1000)));
        assertArrayEquals(data, value(Compressors.lz4().decompress(body, Integer.MAX_VALUE)));
    }

    @Test
    public void roundTripsEmptyAndShortInputs() {
        for (int n = 0; n < 40; n++) {
            byte[] data = text(n);
            assertArrayEquals("length " + n, data,
                    value(Compressors.lz4().decompress(value(Compressors.lz4().compress(data)), n)));
        }
    }

    @Test
    public void aDeclaredLengthAboveTheLimitFailsBeforeDecoding() {
        byte[] body = value(Compressors.lz4().compress(text(1000)));
        Throwable e = Compressors.lz4().decompress(body, 999).failure();
        assertTrue(String.valueOf(e), e instanceof Lz4FormatException);
        assertTrue(e.getMessage(), e.getMessage().contains("limit of 999"));
        byte[] negative = body.clone();
        negative[3] = (byte) 0x80;
        assertTrue(Compressors.lz4().decompress(negative, Integer.MAX_VALUE).failure() instanceof Lz4FormatException);
    }

    @Test
    public void malformedBodiesFailWithLz4FormatException() {
        byte[] body = value(Compressors.lz4().compress(text(1000)));
        for (int n = 0; n < body.length; n++) {
            Throwable e = Compressors.lz4().decompress(Arrays.copyOf(body, n), 1000).failure();
            assertTrue("truncated to " + n + ": " + e, e instanceof Lz4FormatException);
        }
        byte[] longer = body.clone();
        longer[0]++;
        assertTrue(Compressors.lz4().decompress(longer, 2000).failure() instanceof Lz4FormatException);
    }

    @Test
    public void compressionChoicesCheckLevelsAndCoreOffersOnlyLz4() {
        assertEquals(Compressor.LZ4, Compressors.of(Compression.lz4()).id());
        assertEquals("lz4", Compressors.lz4().name());
        assertFalse(Compression.Algorithm.LZ4.hasLevels());
        assertEquals(9, Compression.Algorithm.GZIP.maxLevel());
        assertEquals(22, Compression.Algorithm.ZSTD.maxLevel());
        assertEquals(Compression.gzip(6), Compression.gzip());
        assertEquals("gzip level must be 1-9, was 10",
                assertThrows(IllegalArgumentException.class, () -> Compression.gzip(10)).getMessage());
        assertEquals("zstd level must be 1-22, was 0",
                assertThrows(IllegalArgumentException.class, () -> Compression.zstd(0)).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compressors.of(Compression.zstd()));
        assertTrue(e.getMessage(), e.getMessage().startsWith("zstd is not available in core's portable compressors"));
    }
}
