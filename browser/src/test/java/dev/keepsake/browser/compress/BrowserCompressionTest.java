package dev.keepsake.browser.compress;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.compress.Compression;
import dev.keepsake.core.format.Compressor;
import java.util.Random;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Configuration in the browser (JS and wasm-gc): gzip at any level is CompressionStream, LZ4 is
 * core's and works in both builds, zstd is refused when configured, not when written.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class BrowserCompressionTest {

    @Test
    public void gzipLevelsAreAcceptedAndLeftToTheBrowser() {
        Compressor level9 = BrowserCompression.of(Compression.gzip(9));
        assertSame(BrowserCompression.gzip(), level9);
        assertSame(BrowserCompression.gzip(), BrowserCompression.of(Compression.gzip(1)));
        assertEquals(Compressor.GZIP, level9.id());
        byte[] input = GzipStreamCompressorTest.repetitive(10_000);
        assertArrayEquals(input,
                Blocking.await(level9.decompress(Blocking.await(level9.compress(input)), input.length)));
    }

    @Test
    public void zstdIsRefusedAtConfigurationWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrowserCompression.of(Compression.zstd()));
        assertTrue(e.getMessage(), e.getMessage().contains("zstd is not available in the browser"));
        assertThrows(IllegalArgumentException.class, () -> BrowserCompression.of(Compression.zstd(19)));
        assertThrows(NullPointerException.class, () -> BrowserCompression.of(null));
    }

    @Test
    public void lz4RoundTripsInThisBuild() {
        Compressor lz4 = BrowserCompression.lz4();
        assertEquals(Compressor.LZ4, lz4.id());
        assertEquals("lz4", lz4.name());
        assertSame(lz4, BrowserCompression.of(Compression.lz4()));
        Random random = new Random(7);
        byte[] noise = new byte[5000];
        random.nextBytes(noise);
        for (byte[] input : new byte[][] {new byte[0], {1}, noise, GzipStreamCompressorTest.repetitive(1 << 20)}) {
            byte[] compressed = Blocking.await(lz4.compress(input));
            assertArrayEquals(input, Blocking.await(lz4.decompress(compressed, input.length)));
        }
    }

    @Test
    public void lz4RefusesOutputBeyondTheLimitBeforeDecompressing() {
        Compressor lz4 = BrowserCompression.lz4();
        byte[] compressed = Blocking.await(lz4.compress(new byte[100_000]));
        assertTrue(compressed.length < 1000);
        assertTrue(lz4.decompress(compressed, 99_999).isFailed());
        // LZ4 has no checksum of its own (the envelope's CRC-32C covers it), but a block cut
        // short cannot produce the length it declares.
        byte[] truncated = java.util.Arrays.copyOf(compressed, compressed.length / 2);
        assertTrue(lz4.decompress(truncated, 100_000).isFailed());
    }
}
