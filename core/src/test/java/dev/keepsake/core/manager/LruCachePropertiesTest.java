package dev.keepsake.core.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * JVM only: over random operation sequences the cache behaves exactly like the reference
 * model, an access-ordered {@link java.util.LinkedHashMap} with {@code removeEldestEntry}.
 */
class LruCachePropertiesTest {

    enum Kind { GET, PUT, REMOVE, CONTAINS, CLEAR }

    record Op(Kind kind, int key, int value) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(30, Kind.GET), net.jqwik.api.Tuple.of(40, Kind.PUT),
                net.jqwik.api.Tuple.of(15, Kind.REMOVE), net.jqwik.api.Tuple.of(13, Kind.CONTAINS),
                net.jqwik.api.Tuple.of(2, Kind.CLEAR));
        // Few distinct keys, so that hits, refreshes and evictions all happen often.
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 12), Arbitraries.integers())
                .as(Op::new).list().ofMaxSize(200);
    }

    @Property(tries = 1000)
    void behavesLikeTheReferenceModel(@ForAll @IntRange(min = 0, max = 8) int capacity,
            @ForAll("operations") List<Op> ops) {
        LruCache<Integer, Integer> cache = new LruCache<>(capacity);
        Map<Integer, Integer> model = LruCacheTest.model(capacity);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            String where = "step " + i + " " + op;
            switch (op.kind()) {
                case GET -> assertEquals(model.get(op.key()), cache.get(op.key()), where);
                case PUT -> assertEquals(model.put(op.key(), op.value()), cache.put(op.key(), op.value()), where);
                case REMOVE -> assertEquals(model.remove(op.key()), cache.remove(op.key()), where);
                case CONTAINS -> assertEquals(model.containsKey(op.key()), cache.containsKey(op.key()), where);
                case CLEAR -> {
                    model.clear();
                    cache.clear();
                }
            }
            assertEquals(model.size(), cache.size(), where);
            // Compare the whole content without touching recency: containsKey does not count as use.
            for (int key = 0; key <= 12; key++) {
                assertEquals(model.containsKey(key), cache.containsKey(key), where + " key " + key);
            }
        }
    }
}
