package dev.keepsake.jvm.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.compress.Compression;
import dev.keepsake.core.compress.Compressors;
import dev.keepsake.core.crypto.SealedStorageContract;
import dev.keepsake.core.format.Compressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4CompressorWithLength;
import net.jpountz.lz4.LZ4DecompressorWithLength;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JVM's compressors: standard formats, levels, bounds, interop with core's LZ4. */
class JvmCompressionTest {

    private static byte[] value(Async<byte[]> async) {
        return async.peek();
    }

    private static byte[] json(int length) {
        return SealedStorageContract.jsonLike(length).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] noise(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 12, 13, 100, 65_535, 65_536, 300_000, 1 << 20})
    void coreAndLz4JavaReadEachOthersLz4(int length) {
        Compressor core = Compressors.lz4();
        Compressor jvm = JvmCompression.lz4();
        for (byte[] data : new byte[][] {json(length), noise(length, length)}) {
            byte[] byCore = value(core.compress(data));
            byte[] byJvm = value(jvm.compress(data));
            assertArrayEquals(data, value(jvm.decompress(byCore, length)), "lz4-java reads core's");
            assertArrayEquals(data, value(core.decompress(byJvm, length)), "core reads lz4-java's");
        }
    }

    @Test
    void lz4BodiesAreLz4JavasSizePrefixedFormat() {
        byte[] data = json(10_000);
        LZ4Factory factory = LZ4Factory.fastestInstance();
        byte[] byCore = value(Compressors.lz4().compress(data));
        assertArrayEquals(data, new LZ4DecompressorWithLength(factory.fastDecompressor()).decompress(byCore));
        byte[] byLibrary = new LZ4CompressorWithLength(factory.fastCompressor()).compress(data);
        assertArrayEquals(data, value(Compressors.lz4().decompress(byLibrary, data.length)));
        assertArrayEquals(data, value(JvmCompression.lz4().decompress(byLibrary, data.length)));
    }

    @Test
    void lz4RefusesADeclaredLengthAboveTheLimitBeforeDecoding() {
        byte[] body = value(JvmCompression.lz4().compress(json(5000)));
        for (Compressor lz4 : new Compressor[] {Compressors.lz4(), JvmCompression.lz4()}) {
            Throwable e = lz4.decompress(body, 4999).failure();
            assertTrue(e instanceof IllegalArgumentException && e.getMessage().contains("limit of 4999"),
                    String.valueOf(e));
            body[5] ^= 0x40;
            assertTrue(lz4.decompress(body, 5000).isFailed() || !java.util.Arrays.equals(json(5000),
                    value(lz4.decompress(body, 5000))));
            body[5] ^= 0x40;
        }
    }

    @Test
    void gzipWritesStandardGzipAndHonoursLevels() throws IOException {
        byte[] data = json(100_000);
        byte[] fastest = value(JvmCompression.gzip(1).compress(data));
        byte[] smallest = value(JvmCompression.gzip(9).compress(data));
        assertEquals(0x1f, fastest[0] & 0xFF);
        assertEquals(0x8b, fastest[1] & 0xFF);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(smallest))) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertTrue(smallest.length < fastest.length, smallest.length + " vs " + fastest.length);
        assertArrayEquals(data, value(JvmCompression.gzip().decompress(fastest, data.length)));
    }

    @Test
    void gzipStopsAtTheLimit() {
        byte[] bomb = value(JvmCompression.gzip(9).compress(new byte[8 << 20]));
        assertTrue(bomb.length < 20_000);
        Throwable e = JvmCompression.gzip().decompress(bomb, 1 << 20).failure();
        assertTrue(e != null && e.getMessage().contains("exceeds the limit"), String.valueOf(e));
        assertEquals(8 << 20, value(JvmCompression.gzip().decompress(bomb, 8 << 20)).length);
        assertTrue(JvmCompression.gzip().decompress(noise(100, 1), 1000).isFailed());
    }

    @Test
    void zstdHonoursLevelsAndTheLimit() throws IOException {
        byte[] data = json(200_000);
        byte[] fast = value(JvmCompression.zstd(1).compress(data));
        byte[] small = value(JvmCompression.zstd(19).compress(data));
        assertTrue(small.length < fast.length, small.length + " vs " + fast.length);
        assertArrayEquals(data, value(JvmCompression.zstd().decompress(small, data.length)));
        Throwable declared = JvmCompression.zstd().decompress(small, data.length - 1).failure();
        assertTrue(declared != null && declared.getMessage().contains("limit"), String.valueOf(declared));
        // A streamed frame carries no content size: the buffer is bounded by the limit instead.
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(streamed)) {
            out.write(data);
        }
        assertArrayEquals(data, value(JvmCompression.zstd().decompress(streamed.toByteArray(), data.length)));
        assertTrue(JvmCompression.zstd().decompress(streamed.toByteArray(), data.length - 1).isFailed());
        assertTrue(JvmCompression.zstd().decompress(noise(100, 2), 1000).isFailed());
    }

    @Test
    void levelsAreCheckedWhenTheChoiceIsMade() {
        assertEquals("gzip level must be 1-9, was 0",
                assertThrows(IllegalArgumentException.class, () -> Compression.gzip(0)).getMessage());
        assertEquals("gzip level must be 1-9, was 10",
                assertThrows(IllegalArgumentException.class, () -> JvmCompression.gzip(10)).getMessage());
        assertEquals("zstd level must be 1-22, was 23",
                assertThrows(IllegalArgumentException.class, () -> JvmCompression.zstd(23)).getMessage());
        assertEquals(6, Compression.gzip().level());
        assertEquals(3, Compression.zstd().level());
        assertEquals(0, Compression.lz4().level());
        assertEquals("lz4", Compression.lz4().toString());
        assertEquals("zstd level 19", Compression.zstd(19).toString());
        assertTrue(!Compression.Algorithm.LZ4.hasLevels() && Compression.Algorithm.GZIP.hasLevels());
    }

    @Test
    void coreRejectsWhatItCannotRunAtConfigurationTime() {
        for (Compression c : new Compression[] {Compression.gzip(), Compression.zstd(5)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Compressors.of(c));
            assertTrue(e.getMessage().startsWith(c.algorithm().label() + " is not available"), e.getMessage());
        }
        assertEquals(Compressor.LZ4, Compressors.of(Compression.lz4()).id());
        for (Compression c : new Compression[] {Compression.gzip(), Compression.lz4(), Compression.zstd()}) {
            Compressor compressor = JvmCompression.of(c);
            assertEquals(c.algorithm().id(), compressor.id());
            assertEquals(c.algorithm().label(), compressor.name());
        }
    }
}
