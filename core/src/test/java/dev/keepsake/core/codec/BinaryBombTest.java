package dev.keepsake.core.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keepsake.core.error.SerializationException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * JVM only: hostile compact-binary input costs memory and work in proportion to its length
 * (plus the one budget of {@link BinaryReader#MAX_EMPTY_ELEMENTS} elements without bytes), and
 * fails as a {@link SerializationException}. Memory is the thread's allocated bytes and work is
 * the number of field-less records constructed: both counted, not timed, so the checks do not
 * depend on the machine's speed.
 */
class BinaryBombTest {

    /** Counts the field-less records decoded on this thread. */
    private static final ThreadLocal<long[]> EMPTIES = ThreadLocal.withInitial(() -> new long[1]);

    record Empty() {
        Empty {
            EMPTIES.get()[0]++;
        }
    }

    private static final Codec<Empty> EMPTY = Codecs.record(Empty::new);

    /** A tree of lists: the element codec is lazy, so its size is unknown and counts are checked loosely. */
    private static final Codec<List<Object>> TREE = tree();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Codec<List<Object>> tree() {
        Codec<List<Object>>[] self = new Codec[1];
        self[0] = Codecs.lists((Codec) Codecs.lazy(() -> self[0]));
        return self[0];
    }

    private static final List<Serializer<?>> HOSTILE_SHAPES = List.of(
            Serializers.binary(TREE),
            Serializers.binary(Codecs.json()),
            Serializers.binary(Codecs.lists(Codecs.lists(EMPTY))),
            Serializers.binary(Codecs.maps(Codecs.lists(EMPTY))),
            Serializers.binary(Codecs.lists(Codecs.optional(Codecs.lists(EMPTY)))),
            Serializers.binary(Codecs.lists(Codecs.lazy(() -> Codecs.lists(Codecs.lists(EMPTY))))));

    /** 2^20 as a varint: the largest count a list of zero-byte elements may declare. */
    private static final byte[] MILLION = {(byte) 0x80, (byte) 0x80, 0x40};

    @Test
    void aRecursiveLazyListOf785BytesFailsWithoutPreSizingMillionsOfSlots() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() + MILLION.length <= 785) {
            out.writeBytes(MILLION);
        }
        assertBounded(Serializers.binary(TREE), out.toByteArray());
    }

    @Test
    void aMegabyteOfNestedJsonArraysFailsWithoutAllocatingGigabytes() {
        int length = 1 << 20;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < 600 * 6) {
            out.write(5); // array, then a count as large as the remaining bytes allow
            writeVarint(out, length - out.size() - 8);
        }
        byte[] input = new byte[length];
        System.arraycopy(out.toByteArray(), 0, input, 0, out.size());
        assertBounded(Serializers.binary(Codecs.json()), input);
    }

    @Test
    void a903ByteListOfListsOfEmptyRecordsStopsAtTheWholeValueBudget() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, 300);
        while (out.size() + MILLION.length <= 903) {
            out.writeBytes(MILLION);
        }
        long[] empties = assertBounded(Serializers.binary(Codecs.lists(Codecs.lists(EMPTY))), out.toByteArray());
        assertTrue(empties[0] <= BinaryReader.MAX_EMPTY_ELEMENTS + 1, empties[0] + " records decoded");
    }

    @Test
    void legitimateListsOfEmptyRecordsUpToTheBudgetStillRoundTrip() {
        Serializer<List<List<Empty>>> serializer = Serializers.binary(Codecs.lists(Codecs.lists(EMPTY)));
        List<Empty> half = java.util.Collections.nCopies(BinaryReader.MAX_EMPTY_ELEMENTS / 2, new Empty());
        List<List<Empty>> value = List.of(half, half);
        assertTrue(serializer.deserialize(serializer.serialize(value)).size() == 2);
        List<List<Empty>> tooMany = List.of(half, half, List.of(new Empty()));
        assertThrows(SerializationException.class, () -> serializer.deserialize(serializer.serialize(tooMany)));
    }

    /**
     * Random short inputs made of the pieces bombs are built from (the largest counts, small
     * counts, JSON kind bytes) against codecs with the shapes bombs exploit: each either decodes
     * or fails as a SerializationException, allocating and working in proportion to its length.
     */
    @Property(tries = 400)
    void hostileInputsCostAtMostTheirLengthPlusTheEmptyElementBudget(@ForAll("hostile") byte[] input,
            @ForAll("shapes") Serializer<?> serializer) {
        assertBounded(serializer, input);
    }

    @Provide
    Arbitrary<Serializer<?>> shapes() {
        return Arbitraries.of(HOSTILE_SHAPES);
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(MILLION)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x3F})),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 7).map(b -> new byte[] {b.byteValue()})),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().map(b -> new byte[] {b})));
        return piece.list().ofMinSize(1).ofMaxSize(60).map(pieces -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pieces.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    /**
     * Decodes {@code input} on a fresh thread (so a bomb on old code fails the test instead of
     * stalling it) and checks the failure type and both budgets; returns the records decoded.
     */
    private static long[] assertBounded(Serializer<?> serializer, byte[] input) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long[] empties = EMPTIES.get();
            empties[0] = 0;
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                serializer.deserialize(input);
            } catch (SerializationException expected) {
                // typed: the only failure hostile bytes may cause
            } catch (RuntimeException | Error e) {
                fail("hostile input of " + input.length + " bytes failed untyped: " + e, e);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(empties[0] <= BinaryReader.MAX_EMPTY_ELEMENTS + input.length,
                    empties[0] + " field-less records decoded from " + input.length + " bytes");
            // Generous per-byte and per-record allowances; old code pre-sized megabytes per count.
            long allowed = (8L << 20) + 256L * input.length + 96L * empties[0];
            assertTrue(allocated <= allowed, allocated + " bytes allocated for " + input.length
                    + " input bytes and " + empties[0] + " records (allowed " + allowed + ")");
            return new long[] {empties[0]};
        });
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
