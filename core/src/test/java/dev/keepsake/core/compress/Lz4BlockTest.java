package dev.keepsake.core.compress;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * {@link Lz4Block} on the JVM, in JavaScript and in WebAssembly: it decodes what lz4-java wrote,
 * its own blocks keep the format's end rules, and malformed blocks fail with
 * {@link Lz4FormatException} only. The last matters most in JavaScript, where TeaVM does not
 * check array bounds, so only the codec's own checks stand between bad input and bad memory.
 */
@RunWith(TeaVMTestRunner.class)
public class Lz4BlockTest {

    @Test
    public void decodesLz4JavasFastCompressorOutput() {
        for (int i = 0; i < Lz4Samples.NAMES.length; i++) {
            byte[] expected = Lz4Samples.sample(i);
            assertArrayEquals(Lz4Samples.NAMES[i], expected,
                    Lz4Block.decompress(hex(Lz4Vectors.FAST[i]), expected.length));
        }
    }

    @Test
    public void decodesLz4JavasHighCompressorOutput() {
        for (int i = 0; i < Lz4Samples.NAMES.length; i++) {
            byte[] expected = Lz4Samples.sample(i);
            assertArrayEquals(Lz4Samples.NAMES[i], expected,
                    Lz4Block.decompress(hex(Lz4Vectors.HIGH[i]), expected.length));
        }
    }

    @Test
    public void roundTripsEverySampleAndKeepsTheEndRules() {
        for (int i = 0; i < Lz4Samples.NAMES.length; i++) {
            byte[] input = Lz4Samples.sample(i);
            byte[] block = Lz4Block.compress(input);
            assertTrue(Lz4Samples.NAMES[i], block.length <= Lz4Block.maxCompressedLength(input.length));
            checkEndRules(Lz4Samples.NAMES[i], block, input.length);
            assertArrayEquals(Lz4Samples.NAMES[i], input, Lz4Block.decompress(block, input.length));
        }
    }

    @Test
    public void roundTripsEveryLengthUpTo300() {
        for (int length = 0; length <= 300; length++) {
            for (int kind = 0; kind < 3; kind++) {
                byte[] input = kind == 0 ? Lz4Samples.random(length, length)
                        : kind == 1 ? Lz4Samples.mixed(length, length) : new byte[length];
                byte[] block = Lz4Block.compress(input);
                checkEndRules("length " + length, block, length);
                assertArrayEquals("length " + length, input, Lz4Block.decompress(block, length));
            }
        }
    }

    @Test
    public void compressesRedundantDataWell() {
        assertTrue(Lz4Block.compress(new byte[100_000]).length < 500);
        byte[] text = Lz4Samples.sample(4);
        assertTrue(Lz4Block.compress(text).length < text.length * 3 / 4);
        byte[] mixed = Lz4Samples.mixed(50_000, 3);
        assertTrue(Lz4Block.compress(mixed).length < mixed.length / 2);
    }

    @Test
    public void rangesBehaveLikeCopies() {
        byte[] input = Lz4Samples.mixed(5000, 7);
        byte[] block = Lz4Block.compress(input, 100, 4000);
        assertArrayEquals(Lz4Block.compress(Arrays.copyOfRange(input, 100, 4100)), block);
        byte[] framed = new byte[block.length + 9];
        System.arraycopy(block, 0, framed, 4, block.length);
        assertArrayEquals(Arrays.copyOfRange(input, 100, 4100), Lz4Block.decompress(framed, 4, block.length, 4000));
        assertThrows(IndexOutOfBoundsException.class, () -> Lz4Block.compress(input, 4000, 1001));
        assertThrows(IndexOutOfBoundsException.class, () -> Lz4Block.decompress(framed, 4, framed.length, 4000));
    }

    @Test
    public void rejectsAWrongOriginalLength() {
        byte[] input = Lz4Samples.sample(4);
        byte[] block = Lz4Block.compress(input);
        assertFormatError(block, input.length - 1);
        assertFormatError(block, input.length + 1);
        assertFormatError(block, 0);
        assertThrows(IllegalArgumentException.class, () -> Lz4Block.decompress(block, -1));
        assertThrows(IllegalArgumentException.class, () -> Lz4Block.maxCompressedLength(-1));
    }

    @Test
    public void rejectsEveryTruncationOfAValidBlock() {
        for (int i = 0; i < Lz4Samples.NAMES.length; i++) {
            byte[] expected = Lz4Samples.sample(i);
            byte[] block = hex(Lz4Vectors.FAST[i]);
            for (int length = 0; length < block.length; length += 1 + length / 64) {
                assertFormatError(Arrays.copyOf(block, length), expected.length);
            }
        }
    }

    @Test
    public void rejectsHandMadeMalformedBlocks() {
        // token, then what it promises is missing or points nowhere
        assertFormatError(bytes(), 0);
        assertFormatError(bytes(0x10), 1); // one literal promised, none present
        assertFormatError(bytes(0xf0), 15); // literal length extension missing
        assertFormatError(bytes(0xf0, 0xff, 0xff), 600); // extension never ends
        assertFormatError(bytes(0x10, 'a', 0x00), 5); // offset cut after one byte
        assertFormatError(bytes(0x10, 'a', 0x00, 0x00, 0x00), 5); // offset zero
        assertFormatError(bytes(0x10, 'a', 0x02, 0x00, 0x00), 5); // offset before the output
        assertFormatError(bytes(0x10, 'a', 0x01, 0x00), 5); // block ends after a match
        assertFormatError(bytes(0x1f, 'a', 0x01, 0x00, 0xff), 300); // match length extension cut
        assertFormatError(bytes(0x1f, 'a', 0x01, 0x00, 0x10, 0x00), 10); // match past the end
        assertFormatError(bytes(0x20, 'a', 'b'), 1); // literals past the end
        // Many 255 bytes must neither overflow a length nor run for long.
        byte[] huge = new byte[100_000];
        Arrays.fill(huge, (byte) 0xff);
        assertFormatError(huge, 1000);
        huge[0] = 0x1f;
        huge[1] = 'x';
        huge[2] = 1;
        huge[3] = 0;
        assertFormatError(huge, 1000);
        // A valid block for comparison, so that the cases above fail for the reason stated.
        assertArrayEquals(new byte[] {'a', 'a', 'a', 'a', 'a'},
                Lz4Block.decompress(bytes(0x10, 'a', 0x01, 0x00, 0x00), 5));
    }

    @Test
    public void everySingleByteChangeEitherDecodesOrFailsCleanly() {
        for (int i : new int[] {4, 6, 9, 11}) {
            byte[] expected = Lz4Samples.sample(i);
            byte[] block = hex(Lz4Vectors.HIGH[i]);
            for (int pos = 0; pos < block.length; pos += 1 + pos / 100) {
                for (int flip : new int[] {0x01, 0x10, 0x80, 0xff}) {
                    byte[] mutated = block.clone();
                    mutated[pos] ^= (byte) flip;
                    try {
                        assertEquals(expected.length, Lz4Block.decompress(mutated, expected.length).length);
                    } catch (Lz4FormatException expectedFailure) {
                        // rejected cleanly
                    }
                }
            }
        }
    }

    /**
     * Parses {@code block} and checks what a conforming decoder relies on: the last sequence is
     * literals only and, for inputs of 13 bytes or more, at least 5 of them; every match starts
     * at least 12 bytes before the end; offsets are 1..65535 and point inside the output.
     */
    private static void checkEndRules(String name, byte[] block, int originalLength) {
        int sp = 0;
        int out = 0;
        while (true) {
            int token = block[sp++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    b = block[sp++] & 0xFF;
                    literals += b;
                } while (b == 255);
            }
            sp += literals;
            out += literals;
            if (sp == block.length) {
                assertEquals(name, originalLength, out);
                if (originalLength >= 13) {
                    assertTrue(name + ": last literals " + literals, literals >= 5);
                }
                return;
            }
            int offset = (block[sp] & 0xFF) | (block[sp + 1] & 0xFF) << 8;
            sp += 2;
            assertTrue(name + ": offset " + offset, offset >= 1 && offset <= out);
            assertTrue(name + ": match starts at " + out, out <= originalLength - 12);
            int match = token & 15;
            if (match == 15) {
                int b;
                do {
                    b = block[sp++] & 0xFF;
                    match += b;
                } while (b == 255);
            }
            out += match + 4;
            assertTrue(name + ": match ends at " + out, out <= originalLength - 5);
        }
    }

    private static void assertFormatError(byte[] block, int originalLength) {
        try {
            byte[] out = Lz4Block.decompress(block, originalLength);
            fail("decoded " + out.length + " bytes from a malformed block");
        } catch (Lz4FormatException expected) {
            assertTrue(expected.getMessage().startsWith("LZ4") || expected.getMessage().startsWith("empty LZ4"));
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
