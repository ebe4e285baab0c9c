package dev.keepsake.core.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The LRU cache on the JVM, JS and wasm-gc, including a long pseudo-random run against the
 * class library's access-ordered {@link LinkedHashMap}, so TeaVM's version of that is checked
 * on each platform too.
 */
@RunWith(TeaVMTestRunner.class)
public class LruCacheTest {

    @Test
    public void evictsTheLeastRecentlyUsedEntry() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        assertEquals(2, cache.size());
        assertNull(cache.get("a"));
        assertEquals(Integer.valueOf(2), cache.get("b"));
        assertEquals(Integer.valueOf(3), cache.get("c"));
    }

    @Test
    public void getMakesAnEntryRecentlyUsed() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");
        cache.put("c", 3);
        assertTrue(cache.containsKey("a"));
        assertFalse(cache.containsKey("b"));
    }

    @Test
    public void putOfAnExistingKeyReplacesAndRefreshesWithoutEvicting() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertEquals(Integer.valueOf(1), cache.put("a", 10));
        assertEquals(2, cache.size());
        cache.put("c", 3);
        assertEquals(Integer.valueOf(10), cache.get("a"));
        assertNull(cache.get("b"));
    }

    @Test
    public void containsKeyDoesNotRefresh() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertTrue(cache.containsKey("a"));
        cache.put("c", 3);
        assertFalse(cache.containsKey("a"));
    }

    @Test
    public void removeAndClear() {
        LruCache<String, Integer> cache = new LruCache<>(3);
        cache.put("a", 1);
        cache.put("b", 2);
        assertEquals(Integer.valueOf(1), cache.remove("a"));
        assertNull(cache.remove("a"));
        assertEquals(1, cache.size());
        cache.put("c", 3);
        cache.put("d", 4);
        cache.put("e", 5); // evicts b, the eldest left
        assertFalse(cache.containsKey("b"));
        cache.clear();
        assertEquals(0, cache.size());
        assertNull(cache.get("c"));
        // Usable after clear, with the full capacity.
        cache.put("x", 1);
        cache.put("y", 2);
        cache.put("z", 3);
        assertEquals(3, cache.size());
        cache.put("w", 4);
        assertFalse(cache.containsKey("x"));
    }

    @Test
    public void capacityZeroDisablesTheCache() {
        LruCache<String, Integer> cache = new LruCache<>(0);
        assertNull(cache.put("a", 1));
        assertEquals(0, cache.size());
        assertNull(cache.get("a"));
        assertEquals(0, cache.capacity());
    }

    @Test
    public void capacityOneKeepsTheLatest() {
        LruCache<Integer, String> cache = new LruCache<>(1);
        for (int i = 0; i < 10; i++) {
            cache.put(i, "v" + i);
            assertEquals(1, cache.size());
            assertEquals("v" + i, cache.get(i));
        }
        assertNull(cache.get(8));
    }

    @Test
    public void rejectsNonsense() {
        assertEquals("cache capacity must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> new LruCache<String, String>(-1)).getMessage());
        LruCache<String, String> cache = new LruCache<>(2);
        cache.put("a", "1");
        assertThrows(NullPointerException.class, () -> cache.put(null, "x"));
        assertThrows(NullPointerException.class, () -> cache.put("b", null));
        assertThrows(NullPointerException.class, () -> cache.get(null));
        assertThrows(NullPointerException.class, () -> cache.remove(null));
        assertThrows(NullPointerException.class, () -> cache.containsKey(null));
        assertEquals(1, cache.size());
        assertEquals("1", cache.get("a"));
    }

    @Test
    public void hugeCapacityDoesNotPreallocate() {
        LruCache<Integer, Integer> cache = new LruCache<>(Integer.MAX_VALUE);
        for (int i = 0; i < 5000; i++) {
            cache.put(i, i);
        }
        assertEquals(5000, cache.size());
        assertEquals(Integer.valueOf(0), cache.get(0));
    }

    /** The reference the property test also uses, here on every platform. */
    @Test
    public void agreesWithAnAccessOrderedLinkedHashMapOverALongRandomRun() {
        for (int capacity : new int[] {0, 1, 2, 3, 7, 16}) {
            LruCache<Integer, Integer> cache = new LruCache<>(capacity);
            Map<Integer, Integer> model = model(capacity);
            int state = 0x2545F491 + capacity;
            for (int step = 0; step < 5000; step++) {
                state ^= state << 13;
                state ^= state >>> 17;
                state ^= state << 5;
                int op = (state >>> 28) & 7;
                Integer key = (state >>> 8) & 31;
                String where = "capacity " + capacity + " step " + step;
                if (op < 3) {
                    assertEquals(where, model.get(key), cache.get(key));
                } else if (op < 6) {
                    Integer previous = model.put(key, step);
                    assertEquals(where, previous, cache.put(key, step));
                } else if (op < 7) {
                    assertEquals(where, model.remove(key), cache.remove(key));
                } else if ((state & 0xFF) == 0) {
                    model.clear();
                    cache.clear();
                }
                assertEquals(where, model.size(), cache.size());
            }
            for (int key = 0; key < 32; key++) {
                assertEquals(model.containsKey(key), cache.containsKey(key));
            }
        }
    }

    /** An access-ordered LinkedHashMap that drops its eldest entry above {@code capacity}. */
    static <K, V> Map<K, V> model(int capacity) {
        return new LinkedHashMap<K, V>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            public V put(K key, V value) {
                // A disabled cache holds nothing; LinkedHashMap has no capacity 0 of its own.
                return capacity == 0 ? null : super.put(key, value);
            }

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
