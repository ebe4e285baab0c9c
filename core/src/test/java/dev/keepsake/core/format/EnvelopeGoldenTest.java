package dev.keepsake.core.format;

import static dev.keepsake.core.format.TestBytes.hex;
import static dev.keepsake.core.format.TestBytes.slice;
import static dev.keepsake.core.format.TestBytes.value;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

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
    public void sealingReproducesTheGoldenBytes() {
        for (GoldenEnvelopes golden : GoldenEnvelopes.values()) {
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
    public void goldenBytesOpenToTheGoldenPayloads() {
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
    public void encryptedGoldenHeaderReadsAsDocumented() {
        byte[] bytes = GoldenEnvelopes.RLE_AEAD.bytes();
        assertEquals("4b454550", hex(slice(bytes, 0, 4)));
        assertEquals(1, bytes[4]);
        assertEquals(130, bytes[5] & 0xFF);
        assertEquals(RunLengthCompressor.ID, bytes[6] & 0xFF);
        assertEquals(FakeAead.ID, bytes[7] & 0xFF);
        assertEquals(GoldenEnvelopes.RLE_AEAD.payload().length, bytes[11] & 0xFF);
        assertEquals(RunLengthCompressor.encode(GoldenEnvelopes.RLE_AEAD.payload()).length + FakeAead.OVERHEAD,
                bytes[15]);
        assertEquals(bytes.length, 16 + bytes[15] + 4);
    }
}
