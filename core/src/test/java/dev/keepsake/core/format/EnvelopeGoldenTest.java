package dev.keepsake.core.format;

import static dev.keepsake.core.format.TestBytes.hex;
import static dev.keepsake.core.format.TestBytes.slice;
import static dev.keepsake.core.format.TestBytes.value;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import dev.keepsake.core.internal.Utf8;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The stored format does not drift: each platform (JVM, JS, wasm-gc) seals the golden payloads
 * to exactly the golden bytes, and opens the golden bytes to the golden payloads.
 */
@RunWith(TeaVMTestRunner.class)
public class EnvelopeGoldenTest {

    private static final Envelope ENVELOPE = Envelope.create();

    @Test
    public void sealingReproducesTheGoldenBytesOfTheCurrentVersion() {
        for (GoldenEnvelopes golden : GoldenEnvelopes.values()) {
            if (!golden.current()) {
                continue;
            }
            byte[] sealed = value(golden.seal(ENVELOPE));
            if (golden.complete()) {
                assertEquals(golden.name(), hex(golden.bytes()), hex(sealed));
            } else {
                assertEquals(golden.name(), GoldenEnvelopes.LARGE_LENGTH, sealed.length);
                byte[] headerAndChecksum = TestBytes.concat(slice(sealed, 0, 16),
                        slice(sealed, sealed.length - 4, sealed.length));
                assertEquals(golden.name(), hex(golden.bytes()), hex(headerAndChecksum));
            }
        }
    }

    @Test
    public void goldenBytesOfEveryVersionOpenToTheGoldenPayloads() {
        for (GoldenEnvelopes golden : GoldenEnvelopes.values()) {
            if (!golden.complete()) {
                continue; // its full bytes live only in the resource file: EnvelopeGoldenFilesTest
            }
            Envelope.Opened opened = value(ENVELOPE.open(golden.key, golden.bytes(), GoldenEnvelopes.algorithms()));
            assertEquals(golden.name(), golden.formatId, opened.formatId());
            assertArrayEquals(golden.name(), golden.payload(), opened.payload());
        }
    }

    @Test
    public void goldenBytesOfVersion2FailUnderAnotherKey() {
        for (GoldenEnvelopes golden : GoldenEnvelopes.values()) {
            if (golden.version == 2 && golden.complete()) {
                TestBytes.assertContains(TestBytes.corruption(ENVELOPE.open(golden.key + "x", golden.bytes(),
                        GoldenEnvelopes.algorithms())).getMessage(), "checksum mismatch");
            }
        }
    }

    @Test
    public void version2ChecksumCoversTheKeyInUtf8() {
        for (GoldenEnvelopes golden : GoldenEnvelopes.values()) {
            if (golden.version != 2 || !golden.complete()) {
                continue;
            }
            byte[] bytes = golden.bytes();
            int end = bytes.length - 4;
            byte[] key = Utf8.encode(golden.key);
            int crc = Crc32c.compute(TestBytes.concat(slice(bytes, 0, end), key));
            assertEquals(golden.name(), hex(slice(bytes, end, bytes.length)),
                    hex(new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc}));
        }
    }

    @Test
    public void encryptedGoldenHeaderReadsAsDocumented() {
        byte[] bytes = GoldenEnvelopes.RLE_AEAD_V2.bytes();
        assertEquals("4b454550", hex(slice(bytes, 0, 4)));
        assertEquals(2, bytes[4]);
        assertEquals(130, bytes[5] & 0xFF);
        assertEquals(RunLengthCompressor.ID, bytes[6] & 0xFF);
        assertEquals(FakeAead.ID, bytes[7] & 0xFF);
        assertEquals(GoldenEnvelopes.RLE_AEAD_V2.payload().length, bytes[11] & 0xFF);
        assertEquals(RunLengthCompressor.encode(GoldenEnvelopes.RLE_AEAD_V2.payload()).length + FakeAead.OVERHEAD,
                bytes[15]);
        assertEquals(bytes.length, 16 + bytes[15] + 4);
    }
}
