package dev.keepsake.core.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * JVM cross-tests against lz4-java, the reference the envelope's JVM path uses: each side
 * decodes the other's blocks for random and compressible inputs up to 1 MiB, and fuzzed blocks
 * either decode to what lz4-java decodes or fail with {@link Lz4FormatException}, never another
 * exception.
 */
class Lz4BlockLz4JavaPropertiesTest {

    private static final int MIB = 1 << 20;
    private static final LZ4Factory SAFE = LZ4Factory.safeInstance();
    private static final LZ4Factory FASTEST = LZ4Factory.fastestInstance();
    private static final LZ4SafeDecompressor REFERENCE_DECODER = SAFE.safeDecompressor();

    @Property(tries = 120)
    void lz4JavaDecodesOurBlocks(
            @ForAll("sizes") int size,
            @ForAll @IntRange(min = 0, max = 5) int kind,
            @ForAll long seed) {
        byte[] input = input(kind, size, seed);
        byte[] block = Lz4Block.compress(input);
        byte[] decoded = new byte[size];
        int n = REFERENCE_DECODER.decompress(block, 0, block.length, decoded, 0, size);
        assertEquals(size, n);
        assertArrayEquals(input, decoded);
        assertArrayEquals(input, Lz4Block.decompress(block, size));
    }

    @Property(tries = 120)
    void weDecodeLz4JavasFastAndHighBlocks(
            @ForAll("sizes") int size,
            @ForAll @IntRange(min = 0, max = 5) int kind,
            @ForAll @IntRange(min = 0, max = 3) int compressor,
            @ForAll long seed) {
        byte[] input = input(kind, size, seed);
        LZ4Compressor reference = compressor == 0 ? SAFE.fastCompressor()
                : compressor == 1 ? SAFE.highCompressor()
                : compressor == 2 ? FASTEST.fastCompressor() : FASTEST.highCompressor();
        assertArrayEquals(input, Lz4Block.decompress(reference.compress(input), size));
    }

    /**
     * Sizes up to 1 MiB, uniformly (jqwik's default bias would keep nearly all of them small),
     * with half the tries below 4 KiB where the block boundaries are.
     */
    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, MIB).withDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 4096).withDistribution(RandomDistribution.uniform()));
    }

    @Test
    void theEmbeddedVectorsAreWhatLz4JavaProduces() {
        for (int i = 0; i < Lz4Samples.NAMES.length; i++) {
            byte[] input = Lz4Samples.sample(i);
            assertArrayEquals(Lz4BlockTest.hex(Lz4Vectors.FAST[i]), SAFE.fastCompressor().compress(input),
                    Lz4Samples.NAMES[i]);
            assertArrayEquals(Lz4BlockTest.hex(Lz4Vectors.HIGH[i]), SAFE.highCompressor().compress(input),
                    Lz4Samples.NAMES[i]);
        }
    }

    @Test
    void weDecodeTheEdgeSizesOfEveryReferenceCompressor() {
        LZ4Compressor[] compressors = {
            SAFE.fastCompressor(), SAFE.highCompressor(), FASTEST.fastCompressor(), FASTEST.highCompressor(),
        };
        for (int size : new int[] {0, 1, 4, 5, 11, 12, 13, 14, 15, 16, 17, 19, 20, 64, 65_535, 65_536, 65_547, 65_548,
                MIB}) {
            for (int kind = 0; kind <= 5; kind++) {
                byte[] input = input(kind, size, size * 31L + kind);
                for (LZ4Compressor c : compressors) {
                    assertArrayEquals(input, Lz4Block.decompress(c.compress(input), size), c + " size " + size);
                }
                byte[] ours = Lz4Block.compress(input);
                byte[] decoded = new byte[size];
                assertEquals(size, REFERENCE_DECODER.decompress(ours, 0, ours.length, decoded, 0, size));
                assertArrayEquals(input, decoded);
            }
        }
    }

    @Property(tries = 3000)
    void randomBytesDecodeLikeLz4JavaOrFailCleanly(
            @ForAll @Size(max = 300) byte[] block,
            @ForAll @IntRange(min = 0, max = 2000) int originalLength) {
        checkAgainstReference(block, originalLength);
    }

    @Property(tries = 3000)
    void mutatedBlocksDecodeLikeLz4JavaOrFailCleanly(
            @ForAll @IntRange(min = 0, max = 5) int kind,
            @ForAll @IntRange(min = 0, max = 5000) int size,
            @ForAll @IntRange(min = 0, max = 3) int mutation,
            @ForAll long seed) {
        byte[] input = input(kind, size, seed);
        byte[] block = (seed & 1) == 0 ? Lz4Block.compress(input) : SAFE.highCompressor().compress(input);
        Random random = new Random(seed);
        byte[] mutated;
        switch (mutation) {
            case 0: // flip a few bytes
                mutated = block.clone();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
                }
                break;
            case 1: // truncate
                mutated = java.util.Arrays.copyOf(block, random.nextInt(block.length));
                break;
            case 2: { // insert a byte
                int at = random.nextInt(block.length + 1);
                mutated = new byte[block.length + 1];
                System.arraycopy(block, 0, mutated, 0, at);
                mutated[at] = (byte) random.nextInt(256);
                System.arraycopy(block, at, mutated, at + 1, block.length - at);
                break;
            }
            default: // right block, wrong length
                mutated = block;
                size = Math.max(0, size + random.nextInt(21) - 10);
                break;
        }
        checkAgainstReference(mutated, size);
    }

    /**
     * Ours must either fail with Lz4FormatException or decode exactly originalLength bytes; when
     * lz4-java decodes exactly that many, ours must succeed with the same bytes, unless the block
     * has a match offset of 0, which the format defines as corrupt and lz4-java lets through.
     */
    private static void checkAgainstReference(byte[] block, int originalLength) {
        byte[] ours;
        try {
            ours = Lz4Block.decompress(block, originalLength);
            assertEquals(originalLength, ours.length);
        } catch (Lz4FormatException rejected) {
            if (rejected.getMessage().contains("offset 0")) {
                return; // invalid by the format's definition, though lz4-java's decoder accepts it
            }
            ours = null;
        }
        byte[] reference = new byte[originalLength];
        int n;
        try {
            n = REFERENCE_DECODER.decompress(block, 0, block.length, reference, 0, originalLength);
        } catch (LZ4Exception | ArrayIndexOutOfBoundsException rejected) {
            n = -1;
        }
        if (n == originalLength) {
            assertArrayEquals(reference, ours, "lz4-java decodes this block, we must too");
        }
    }

    /** Inputs of a given kind: 0 random, 1-2 small alphabets, 3 text-like, 4 runs, 5 long-distance copies. */
    static byte[] input(int kind, int size, long seed) {
        Random random = new Random(seed);
        byte[] out = new byte[size];
        switch (kind) {
            case 0:
                random.nextBytes(out);
                break;
            case 1:
            case 2: {
                int alphabet = kind == 1 ? 2 : 16;
                for (int i = 0; i < size; i++) {
                    out[i] = (byte) ('a' + random.nextInt(alphabet));
                }
                break;
            }
            case 3:
                return Lz4Samples.mixed(size, (int) seed);
            case 4: {
                int i = 0;
                while (i < size) {
                    byte value = (byte) random.nextInt(256);
                    int run = 1 + random.nextInt(random.nextBoolean() ? 8 : 2000);
                    for (int j = 0; j < run && i < size; j++) {
                        out[i++] = value;
                    }
                }
                break;
            }
            default: {
                // Copies from up to 100 KB back, so some repeats lie beyond LZ4's 64 KB window.
                int i = 0;
                while (i < size) {
                    if (i > 16 && random.nextInt(3) > 0) {
                        int from = Math.max(0, i - 1 - random.nextInt(100_000));
                        int len = Math.min(size - i, 4 + random.nextInt(300));
                        for (int j = 0; j < len; j++) {
                            out[i + j] = out[from + j];
                        }
                        i += len;
                    } else {
                        int len = Math.min(size - i, 1 + random.nextInt(40));
                        for (int j = 0; j < len; j++) {
                            out[i + j] = (byte) random.nextInt(256);
                        }
                        i += len;
                    }
                }
                break;
            }
        }
        return out;
    }
}
