package dev.keepsake.core.format;

import static dev.keepsake.core.format.TestBytes.ascii;
import static dev.keepsake.core.format.TestBytes.assertContains;
import static dev.keepsake.core.format.TestBytes.corruption;
import static dev.keepsake.core.format.TestBytes.slice;
import static dev.keepsake.core.format.TestBytes.value;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import dev.keepsake.core.error.CorruptedDataException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Exhaustive damage to small envelopes: every single-bit flip, every value of every byte,
 * every truncation and some extensions are reported as {@link CorruptedDataException} with the
 * reason the layout predicts, on the JVM, JS and wasm-gc.
 */
@RunWith(TeaVMTestRunner.class)
public class EnvelopeCorruptionTest {

    private static final Envelope ENVELOPE = Envelope.create();
    private static final String KEY = "settings";
    private static final int SECRET = 0x5EC12E7;

    private static Algorithms algorithms() {
        // Accepts unencrypted values, so that one set opens every sample.
        return Algorithms.builder().compressor(new RunLengthCompressor()).cipher(new FakeAead(SECRET))
                .acceptUnencrypted().build();
    }

    /** Plain JSON, empty, compressed and encrypted, and encrypted only. */
    private static byte[][] samples() {
        byte[] repetitive = ascii("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
        return new byte[][] {
            ENVELOPE.sealPlain(KEY, 1, ascii("{\"theme\":\"dark\",\"size\":12}")),
            ENVELOPE.sealPlain(KEY, 2, new byte[0]),
            value(ENVELOPE.seal(KEY, 130, repetitive, new RunLengthCompressor(), new FakeAead(SECRET))),
            value(ENVELOPE.seal(KEY, 1, ascii("[1,2,3]"), null, new FakeAead(SECRET))),
        };
    }

    @Test
    public void samplesOpenIntact() {
        byte[][] samples = samples();
        assertArrayEquals(ascii("{\"theme\":\"dark\",\"size\":12}"),
                value(ENVELOPE.open(KEY, samples[0], algorithms())).payload());
        assertArrayEquals(new byte[0], value(ENVELOPE.open(KEY, samples[1], algorithms())).payload());
        assertEquals(70, value(ENVELOPE.open(KEY, samples[2], algorithms())).payload().length);
        assertArrayEquals(ascii("[1,2,3]"), value(ENVELOPE.open(KEY, samples[3], algorithms())).payload());
    }

    @Test
    public void everySingleBitFlipIsDetectedWithThePredictedReason() {
        int checked = 0;
        int totalBits = 0;
        for (byte[] sample : samples()) {
            totalBits += 8 * sample.length;
            for (int i = 0; i < sample.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] damaged = sample.clone();
                    damaged[i] ^= (byte) (1 << bit);
                    String reason = open(damaged).getMessage();
                    assertContains(reason, expectedReason(i, damaged, sample.length));
                    checked++;
                }
            }
        }
        assertEquals(totalBits, checked);
    }

    @Test
    public void everyOtherValueOfEveryByteIsDetected() {
        for (byte[] sample : samples()) {
            for (int i = 0; i < sample.length; i++) {
                for (int v = 0; v < 256; v++) {
                    if ((byte) v == sample[i]) {
                        continue;
                    }
                    byte[] damaged = sample.clone();
                    damaged[i] = (byte) v;
                    assertContains(open(damaged).getMessage(), expectedReason(i, damaged, sample.length));
                }
            }
        }
    }

    @Test
    public void everyTruncationIsDetected() {
        for (byte[] sample : samples()) {
            for (int length = 0; length < sample.length; length++) {
                String expected = length < 16
                        ? "truncated: " + length + " of at least 20 bytes"
                        : "truncated: " + length + " of " + sample.length + " bytes";
                assertContains(open(slice(sample, 0, length)).getMessage(), expected);
            }
        }
    }

    @Test
    public void everyExtensionIsDetected() {
        for (byte[] sample : samples()) {
            for (int extra = 1; extra <= 4; extra++) {
                for (int v = 0; v < 256; v += 51) {
                    byte[] tail = new byte[extra];
                    for (int i = 0; i < extra; i++) {
                        tail[i] = (byte) v;
                    }
                    assertContains(open(TestBytes.concat(sample, tail)).getMessage(), "trailing bytes: "
                            + (sample.length + extra) + " bytes, but the header declares " + sample.length);
                }
            }
        }
    }

    @Test
    public void droppingAnyOneByteIsDetected() {
        for (byte[] sample : samples()) {
            for (int i = 0; i < sample.length; i++) {
                byte[] shorter = TestBytes.concat(slice(sample, 0, i), slice(sample, i + 1, sample.length));
                open(shorter);
            }
        }
    }

    /** The reason the documented check order predicts for damage at {@code index}. */
    private static String expectedReason(int index, byte[] damaged, int length) {
        if (index < 4) {
            return "not a Keepsake envelope: bad magic";
        }
        if (index == 4) {
            // Version 1 exists: read as it, the checksum no longer matches.
            return damaged[4] == Envelope.VERSION_1 ? "checksum mismatch"
                    : "unknown format version " + (damaged[4] & 0xFF);
        }
        if (index >= 12 && index < 16) {
            int declared = (damaged[12] & 0xFF) << 24 | (damaged[13] & 0xFF) << 16 | (damaged[14] & 0xFF) << 8
                    | (damaged[15] & 0xFF);
            return declared >= 0 && declared + 20 < length ? "trailing bytes" : "truncated: " + length + " of ";
        }
        return "checksum mismatch";
    }

    /** Opens both ways and returns the asynchronous failure, checking the sync one agrees. */
    private static CorruptedDataException open(byte[] damaged) {
        CorruptedDataException async = corruption(ENVELOPE.open(KEY, damaged, algorithms()));
        assertEquals(KEY, async.key());
        try {
            ENVELOPE.openPlain(KEY, damaged);
        } catch (CorruptedDataException sync) {
            assertEquals(async.getMessage(), sync.getMessage());
            return async;
        }
        throw new AssertionError("openPlain accepted damaged bytes");
    }
}
