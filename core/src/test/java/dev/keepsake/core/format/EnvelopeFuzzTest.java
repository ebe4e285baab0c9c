package dev.keepsake.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.SerializationException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * JVM only: whatever bytes arrive, opening an envelope fails with
 * {@link CorruptedDataException} (or, for intact bytes naming an unconfigured algorithm,
 * {@link SerializationException}) and never with another exception, a hang or an
 * out-of-memory error.
 */
class EnvelopeFuzzTest {

    /** A small limit, so that a forged length cannot make the fakes allocate much. */
    private static final Envelope ENVELOPE = Envelope.create(1 << 16);
    private static final String KEY = "fuzz";

    /** A valid envelope and what it holds. */
    record Sample(byte[] sealed, byte[] payload) {
        @Override
        public String toString() {
            return "Sample[" + TestBytes.hex(sealed) + "]";
        }
    }

    /** One edit to a byte array. */
    record Mutation(int kind, int position, int value) {
        byte[] apply(byte[] in) {
            int n = in.length;
            int at = n == 0 ? 0 : Math.floorMod(position, n);
            switch (kind) {
                case 0: { // flip one bit
                    if (n == 0) {
                        return in;
                    }
                    byte[] out = in.clone();
                    out[at] ^= (byte) (1 << (value & 7));
                    return out;
                }
                case 1: { // overwrite one byte
                    if (n == 0) {
                        return in;
                    }
                    byte[] out = in.clone();
                    out[at] = (byte) value;
                    return out;
                }
                case 2: { // insert one byte
                    int where = Math.floorMod(position, n + 1);
                    byte[] out = new byte[n + 1];
                    System.arraycopy(in, 0, out, 0, where);
                    out[where] = (byte) value;
                    System.arraycopy(in, where, out, where + 1, n - where);
                    return out;
                }
                case 3: { // delete one byte
                    if (n == 0) {
                        return in;
                    }
                    byte[] out = new byte[n - 1];
                    System.arraycopy(in, 0, out, 0, at);
                    System.arraycopy(in, at + 1, out, at, n - at - 1);
                    return out;
                }
                case 4: // truncate
                    return Arrays.copyOf(in, n == 0 ? 0 : at);
                case 5: { // append a few bytes
                    byte[] out = Arrays.copyOf(in, n + 1 + (value & 3));
                    Arrays.fill(out, n, out.length, (byte) value);
                    return out;
                }
                default: { // swap two bytes
                    if (n == 0) {
                        return in;
                    }
                    byte[] out = in.clone();
                    int other = Math.floorMod(value, n);
                    byte t = out[at];
                    out[at] = out[other];
                    out[other] = t;
                    return out;
                }
            }
        }
    }

    private static Algorithms algorithms() {
        // Accepts unencrypted values, so that one set opens every sample.
        return Algorithms.builder().compressor(new RunLengthCompressor()).cipher(new FakeAead(77))
                .acceptUnencrypted().build();
    }

    @Provide
    Arbitrary<Sample> samples() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
        // Long runs, so that run-length compression pays and compressed samples exist.
        Arbitrary<byte[]> runs = Arbitraries.integers().between(1, 40).list().ofMaxSize(12).map(lengths -> {
            byte[] out = new byte[lengths.stream().mapToInt(Integer::intValue).sum()];
            int at = 0;
            for (int i = 0; i < lengths.size(); i++) {
                Arrays.fill(out, at, at + lengths.get(i), (byte) ('a' + i));
                at += lengths.get(i);
            }
            return out;
        });
        Arbitrary<byte[]> payloads = Arbitraries.oneOf(random, runs);
        return Combinators.combine(payloads, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 255))
                .as((payload, mode, format) -> {
                    Compressor compressor = (mode & 1) != 0 ? new RunLengthCompressor() : null;
                    Cipher cipher = (mode & 2) != 0 ? new FakeAead(77) : null;
                    return new Sample(Envelope.create().seal(KEY, format, payload, compressor, cipher).peek(), payload);
                });
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers(),
                Arbitraries.integers().between(-300, 300)).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Flips, overwrites and swaps: the length stays, so the damage gets past the length checks. */
    @Provide
    Arbitrary<List<Mutation>> inPlaceMutations() {
        return Combinators.combine(Arbitraries.of(0, 1, 6), Arbitraries.integers(),
                Arbitraries.integers().between(-300, 300)).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 3000)
    void randomBytesAreCorrupted(@ForAll @Size(max = 120) byte[] bytes) {
        assertCorrupted(bytes);
    }

    @Property(tries = 3000)
    void randomBytesAfterAValidHeaderStartAreCorrupted(@ForAll @Size(max = 120) byte[] rest) {
        byte[] bytes = TestBytes.concat(new byte[] {'K', 'E', 'E', 'P', 1}, rest);
        assertCorrupted(bytes);
    }

    @Property(tries = 3000)
    void mutatedEnvelopesAreCorruptedUnlessUnchanged(@ForAll("samples") Sample sample,
            @ForAll("mutations") List<Mutation> mutations) {
        byte[] mutated = sample.sealed();
        for (Mutation mutation : mutations) {
            mutated = mutation.apply(mutated);
        }
        if (Arrays.equals(mutated, sample.sealed())) {
            assertArrayEquals(sample.payload(), ENVELOPE.open(KEY, mutated, algorithms()).peek().payload());
            return;
        }
        assertCorrupted(mutated);
    }

    /**
     * With the checksum recomputed after mutating, damage reaches the deeper checks (ids,
     * lengths, cipher, decompressor): the outcome may now be a different valid value, but it is
     * never an unexpected exception.
     */
    @Property(tries = 3000)
    void mutatedEnvelopesWithRecomputedChecksumFailOnlyAsDocumented(@ForAll("samples") Sample sample,
            @ForAll("inPlaceMutations") List<Mutation> mutations) {
        byte[] mutated = sample.sealed();
        for (Mutation mutation : mutations) {
            mutated = mutation.apply(mutated);
        }
        if (mutated.length >= Envelope.FRAME_OVERHEAD_BYTES) {
            mutated = TestBytes.restampChecksum(KEY, mutated);
        }
        Async<Envelope.Opened> opened = ENVELOPE.open(KEY, mutated, algorithms());
        assertTrue(opened.isDone());
        Throwable failure = opened.failure();
        if (failure != null && !(failure instanceof CorruptedDataException)
                && !(failure instanceof SerializationException)) {
            fail("unexpected failure type", failure);
        }
        if (failure == null) {
            // Accepted bytes must be self-consistent: the header's length is the payload's.
            int declared = (mutated[8] & 0xFF) << 24 | (mutated[9] & 0xFF) << 16 | (mutated[10] & 0xFF) << 8
                    | (mutated[11] & 0xFF);
            assertEquals(declared, opened.peek().payload().length);
        }
    }

    private static void assertCorrupted(byte[] bytes) {
        Async<Envelope.Opened> opened = ENVELOPE.open(KEY, bytes, algorithms());
        assertTrue(opened.isDone());
        if (!(opened.failure() instanceof CorruptedDataException)) {
            fail("expected CorruptedDataException, got " + (opened.isFailed() ? opened.failure() : "a value"),
                    opened.failure());
        }
        try {
            ENVELOPE.openPlain(KEY, bytes);
            fail("openPlain accepted corrupted bytes");
        } catch (CorruptedDataException expected) {
            assertEquals(opened.failure().getMessage(), expected.getMessage());
        }
    }
}
