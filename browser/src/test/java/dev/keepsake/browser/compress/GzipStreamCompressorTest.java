package dev.keepsake.browser.compress;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.compress.Compression;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * gzip by {@code CompressionStream} in Chromium (JS and wasm-gc): round trips, the JDK's output
 * read back, the output bound, and damaged input reported as corruption.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class GzipStreamCompressorTest {

    /** {@code GZIPOutputStream} (JDK 17) output for {@link #jvmText()}. */
    private static final String JVM_GZIP = "1f8b08000000000000ff8dd0bb1140501404d05c15b70081f5d70223950b2edef80e22d52b"
            + "61373fd1e9dcaf675cdde62f5c36dde76eefe2d60e7d6c5b38dc92a863049ca49c649ce49c149c949c549cd49c34429dd22bfc"
            + "420886300ca118c231846408cb109ad1443f612c9dd9c6020000";

    private final Compressor gzip = BrowserCompression.gzip();

    @Test
    public void isGzipWithIdOne() {
        assertTrue(BrowserCompression.isGzipAvailable());
        assertEquals(Compressor.GZIP, gzip.id());
        assertEquals("gzip", gzip.name());
        assertSame(gzip, BrowserCompression.gzip());
    }

    @Test
    public void roundTripsEmptySmallRandomAndLargeInputs() {
        Random random = new Random(42);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        byte[] large = repetitive(1 << 20);
        for (byte[] input : new byte[][] {new byte[0], {7}, noise, large}) {
            byte[] compressed = Blocking.await(gzip.compress(input));
            assertEquals("gzip magic", 0x1f, compressed[0] & 0xFF);
            assertEquals("gzip magic", 0x8b, compressed[1] & 0xFF);
            assertEquals("deflate", 8, compressed[2]);
            assertArrayEquals(input, Blocking.await(gzip.decompress(compressed, input.length)));
        }
        assertTrue("1 MiB of text shrinks", Blocking.await(gzip.compress(large)).length < large.length / 10);
    }

    @Test
    public void readsWhatTheJdkWrote() {
        assertArrayEquals(jvmText(), Blocking.await(gzip.decompress(hex(JVM_GZIP), 710)));
    }

    @Test
    public void stopsAtTheOutputLimit() {
        byte[] zeros = new byte[200_000];
        byte[] bomb = Blocking.await(gzip.compress(zeros));
        assertTrue(bomb.length < 1000);
        assertArrayEquals(zeros, Blocking.await(gzip.decompress(bomb, zeros.length)));
        CompressionStreamException e = failed(gzip.decompress(bomb, zeros.length - 1));
        assertTrue(e.getMessage(), e.getMessage().contains("exceeds " + (zeros.length - 1)));
        failed(gzip.decompress(bomb, 0));
    }

    @Test
    public void anEnvelopeWhoseOutputExceedsItsDeclaredLengthIsCorruptionNamingTheKey() {
        byte[] zeros = new byte[100_000];
        byte[] sealed = Blocking.await(Envelope.create().seal("bomb", 1, zeros, gzip, null));
        assertEquals(Compressor.GZIP, sealed[6]);
        // Declare 1000 bytes instead of 100,000, with a matching checksum: only the bounded
        // decompression can notice.
        sealed[8] = 0;
        sealed[9] = 0;
        sealed[10] = (byte) (1000 >> 8);
        sealed[11] = (byte) 1000;
        dev.keepsake.browser.crypto.CrossPlatformEnvelopeTest.fixCrc(sealed, "bomb");
        try {
            Blocking.await(Envelope.create().open("bomb", sealed,
                    dev.keepsake.core.format.Algorithms.builder().compressor(gzip).build()));
            fail("a value larger than declared opened");
        } catch (CorruptedDataException e) {
            assertEquals("bomb", e.key());
            assertTrue(e.getMessage(), e.getMessage().contains("gzip"));
        }
    }

    @Test
    public void damagedTruncatedAndForeignInputIsCorrupted() {
        byte[] input = jvmText();
        byte[] compressed = Blocking.await(gzip.compress(input));
        byte[] flipped = compressed.clone();
        flipped[flipped.length - 6] ^= 0x01; // inside the CRC-32 trailer
        failed(gzip.decompress(flipped, input.length));
        byte[] body = compressed.clone();
        body[12] ^= 0x40;
        failed(gzip.decompress(body, input.length));
        byte[] truncated = new byte[compressed.length - 3];
        System.arraycopy(compressed, 0, truncated, 0, truncated.length);
        failed(gzip.decompress(truncated, input.length));
        failed(gzip.decompress(new byte[0], input.length));
        failed(gzip.decompress("not gzip at all".getBytes(StandardCharsets.UTF_8), 100));
        byte[] trailing = new byte[compressed.length + 1];
        System.arraycopy(compressed, 0, trailing, 0, compressed.length);
        failed(gzip.decompress(trailing, input.length));
    }

    @Test
    public void inputArraysAreNeitherKeptNorModified() {
        byte[] input = jvmText();
        byte[] copy = input.clone();
        byte[] compressed = Blocking.await(gzip.compress(input));
        assertArrayEquals(copy, input);
        byte[] compressedCopy = compressed.clone();
        Blocking.await(gzip.decompress(compressed, input.length));
        assertArrayEquals(compressedCopy, compressed);
    }

    @Test
    public void aBrowserWithoutCompressionStreamIsRejectedAtConfiguration() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> BrowserCompression.of(Compression.gzip(), false));
        assertTrue(e.getMessage(), e.getMessage().contains("CompressionStream"));
    }

    static byte[] jvmText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append("Keepsake gzip from the JVM, line ").append(i).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] repetitive(int length) {
        byte[] out = new byte[length];
        byte[] phrase = "the quick brown fox jumps over the lazy dog; ".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < length; i++) {
            out[i] = phrase[i % phrase.length];
        }
        return out;
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static CompressionStreamException failed(Async<?> async) {
        try {
            Blocking.await(async);
        } catch (CompressionStreamException e) {
            return e;
        }
        fail("expected CompressionStreamException but the operation succeeded");
        return null;
    }
}
