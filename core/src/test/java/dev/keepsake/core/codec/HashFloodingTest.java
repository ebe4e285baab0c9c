package dev.keepsake.core.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Member names with colliding {@link String#hashCode()} cost about what distinct names cost, on
 * the JVM, in JavaScript and in wasm-gc (whose {@code HashMap} has no tree bins to fall back
 * on): 2^14 names built from the pairs {@code "Aa"} and {@code "BB"}, which hash alike, against
 * 2^14 names of the same length that do not collide.
 */
@RunWith(TeaVMTestRunner.class)
public class HashFloodingTest {

    private static final int BITS = 14;
    private static final int NAMES = 1 << BITS;

    /** Name {@code i}: bit {@code k} of {@code i} picks the {@code k}-th pair. */
    private static String name(int i, String zero, String one) {
        StringBuilder s = new StringBuilder(2 * BITS);
        for (int k = 0; k < BITS; k++) {
            s.append((i >> k & 1) == 0 ? zero : one);
        }
        return s.toString();
    }

    private static byte[] object(String zero, String one) {
        StringBuilder json = new StringBuilder(NAMES * (2 * BITS + 6)).append('{');
        for (int i = 0; i < NAMES; i++) {
            json.append(i == 0 ? "\"" : ",\"").append(name(i, zero, one)).append("\":").append(i % 10);
        }
        byte[] out = new byte[json.length() + 1];
        for (int i = 0; i < json.length(); i++) {
            out[i] = (byte) json.charAt(i);
        }
        out[json.length()] = '}';
        return out;
    }

    @Test
    public void collidingNamesReallyCollide() {
        assertEquals(name(0, "Aa", "BB").hashCode(), name(NAMES - 1, "Aa", "BB").hashCode());
        assertTrue(name(0, "Ab", "Bc").hashCode() != name(1, "Ab", "Bc").hashCode());
    }

    @Test
    public void aJsonTreeWithCollidingMemberNamesReadsAndWritesInAboutTheTimeOfDistinctOnes() {
        Serializer<JsonValue> tree = Serializers.json(Codecs.json());
        assertNearLinear(tree, object("Ab", "Bc"), object("Aa", "BB"));
    }

    @Test
    public void aMapWithCollidingKeysReadsAndWritesInAboutTheTimeOfDistinctOnes() {
        Serializer<Map<String, Integer>> map = Serializers.json(Codecs.maps(Codecs.ints()));
        assertNearLinear(map, object("Ab", "Bc"), object("Aa", "BB"));
    }

    @Test
    public void aCollidingMapLooksUpEveryKey() {
        Map<String, Integer> map = Serializers.json(Codecs.maps(Codecs.ints())).deserialize(object("Aa", "BB"));
        assertEquals(NAMES, map.size());
        for (int i = 0; i < NAMES; i += 97) {
            assertEquals(Integer.valueOf(i % 10), map.get(name(i, "Aa", "BB")));
        }
        assertEquals(null, map.get(name(0, "Ab", "Bc")));
    }

    /**
     * Times reading and writing each input three times, keeps the best, and asks the colliding
     * one to stay within a factor of five of the distinct one (plus 100 ms, for timers that
     * tick coarsely in the browser). The quadratic cost this guards against was 200 times slower.
     */
    private static <T> void assertNearLinear(Serializer<T> serializer, byte[] distinct, byte[] colliding) {
        roundTrip(serializer, distinct); // warm up
        long distinctTime = best(serializer, distinct);
        long collidingTime = best(serializer, colliding);
        assertTrue("colliding names took " + collidingTime + " ms, distinct ones " + distinctTime + " ms",
                collidingTime <= 5 * distinctTime + 100);
    }

    private static <T> long best(Serializer<T> serializer, byte[] input) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.currentTimeMillis();
            roundTrip(serializer, input);
            best = Math.min(best, System.currentTimeMillis() - start);
        }
        return best;
    }

    private static <T> void roundTrip(Serializer<T> serializer, byte[] input) {
        T value = serializer.deserialize(input);
        assertEquals(input.length, serializer.serialize(value).length);
    }
}
