package dev.keepsake.core.format;

import static dev.keepsake.core.format.TestBytes.ascii;
import static dev.keepsake.core.format.TestBytes.pseudoRandom;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** CRC-32C against published vectors and a bit-at-a-time reference, on the JVM, JS and wasm-gc. */
@RunWith(TeaVMTestRunner.class)
public class Crc32cTest {

    @Test
    public void standardCheckValue() {
        assertEquals(0xE3069283, Crc32c.compute(ascii("123456789")));
        assertEquals(Crc32c.CHECK_VALUE, Crc32c.compute(ascii("123456789")));
    }

    @Test
    public void aRangeFollowedByMoreBytesChainsUpdates() {
        byte[] first = pseudoRandom(301, 11);
        byte[] second = pseudoRandom(23, 12);
        assertEquals(Crc32c.update(Crc32c.compute(first, 0, 300), second, 0, second.length),
                Crc32c.compute(first, 300, second));
        assertEquals(Crc32c.CHECK_VALUE, Crc32c.compute(ascii("1234"), 4, ascii("56789")));
    }

    @Test
    public void emptyInputIsZero() {
        assertEquals(0, Crc32c.compute(new byte[0]));
    }

    /** The iSCSI test vectors of RFC 3720, appendix B.4. */
    @Test
    public void rfc3720Vectors() {
        byte[] zeros = new byte[32];
        byte[] ones = new byte[32];
        byte[] ascending = new byte[32];
        byte[] descending = new byte[32];
        for (int i = 0; i < 32; i++) {
            ones[i] = (byte) 0xFF;
            ascending[i] = (byte) i;
            descending[i] = (byte) (31 - i);
        }
        assertEquals(0x8A9136AA, Crc32c.compute(zeros));
        assertEquals(0x62A8AB43, Crc32c.compute(ones));
        assertEquals(0x46DD794E, Crc32c.compute(ascending));
        assertEquals(0x113FDB5C, Crc32c.compute(descending));
    }

    @Test
    public void matchesBitwiseReferenceForEveryLengthAndAlignment() {
        byte[] data = pseudoRandom(140, 12345);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; offset + length <= 130; length++) {
                assertEquals("offset " + offset + " length " + length,
                        bitwise(data, offset, length), Crc32c.compute(data, offset, length));
            }
        }
    }

    @Test
    public void updateContinuesAcrossEverySplit() {
        byte[] data = pseudoRandom(77, 99);
        int whole = Crc32c.compute(data);
        for (int split = 0; split <= data.length; split++) {
            int first = Crc32c.compute(data, 0, split);
            assertEquals("split " + split, whole, Crc32c.update(first, data, split, data.length - split));
        }
    }

    @Test
    public void rejectsRangesOutsideTheArray() {
        byte[] data = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.compute(data, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.compute(data, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.compute(data, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.compute(data, 11, 0));
    }

    /** The definition, one bit at a time: slow, obviously right, independent of the tables. */
    static int bitwise(byte[] data, int offset, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }
}
