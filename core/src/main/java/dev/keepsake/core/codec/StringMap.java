package dev.keepsake.core.codec;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The map of names read from outside (JSON object members, binary map keys): unmodifiable, in
 * insertion order, and near-linear to build and query whatever the names are.
 *
 * <p>A {@code HashMap} is not: TeaVM's has no tree bins, so names with equal
 * {@link String#hashCode()} (which anyone can compute) turn its work quadratic. Here a map of up
 * to {@value #LINEAR_MAX} entries is scanned, and a larger one indexes its names by
 * {@link #hash}, a keyed hash whose key is chosen at random once per process, so that colliding
 * names cannot be prepared in advance.
 *
 * <p>Filled only by this package, through {@link #add}, before it is handed out; not
 * thread-safe while filled.
 */
final class StringMap<V> extends AbstractMap<String, V> {

    static final int LINEAR_MAX = 8;

    private String[] keys = new String[4];
    private Object[] values = new Object[4];
    private int size;
    /** Null while small; else open addressing: index + 1 of the entry, 0 for an empty slot. */
    private int[] table;
    /** The {@link #hash} of each entry's name, once {@link #table} exists. */
    private int[] hashes;

    /** Returns {@code map} itself if it is one, else an ordered copy. */
    static <V> StringMap<V> copyOf(Map<String, V> map) {
        if (map instanceof StringMap<V> same) {
            return same;
        }
        StringMap<V> copy = new StringMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            copy.add(e.getKey(), e.getValue());
        }
        return copy;
    }

    /** Adds {@code key} with {@code value} unless the key is present; returns whether it was added. */
    boolean add(String key, V value) {
        int h = table == null ? 0 : hash(key);
        if ((table == null ? scan(key) : probe(key, h)) >= 0) {
            return false;
        }
        if (size == keys.length) {
            keys = java.util.Arrays.copyOf(keys, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
            if (hashes != null) {
                hashes = java.util.Arrays.copyOf(hashes, size * 2);
            }
        }
        keys[size] = key;
        values[size] = value;
        size++;
        if (table != null) {
            hashes[size - 1] = h;
            if (size * 2 > table.length) {
                rebuild(table.length * 2);
            } else {
                insert(size - 1);
            }
        } else if (size > LINEAR_MAX) {
            hashes = new int[keys.length];
            for (int i = 0; i < size; i++) {
                hashes[i] = hash(keys[i]);
            }
            rebuild(64);
        }
        return true;
    }

    private void rebuild(int capacity) {
        table = new int[capacity];
        for (int i = 0; i < size; i++) {
            insert(i);
        }
    }

    private void insert(int index) {
        int mask = table.length - 1;
        int slot = hashes[index] & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = index + 1;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        return table == null ? scan(name) : probe(name, hash(name));
    }

    private int scan(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private int probe(String key, int h) {
        int mask = table.length - 1;
        int slot = h & mask;
        int entry;
        while ((entry = table[slot]) != 0) {
            int i = entry - 1;
            if (hashes[i] == h && keys[i].equals(key)) {
                return i;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) values[i];
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map.Entry<String, V> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], (V) values[i]);
                    }
                };
            }
        };
    }

    /**
     * Returns a keyed hash of {@code s}: the HalfSipHash-1-3 construction (32-bit words, one
     * compression round per word, three finalization rounds) over its UTF-16 code units, two per
     * word, with the process's random key. Only {@code int} arithmetic, which stays fast in
     * TeaVM's JavaScript output.
     */
    static int hash(String s) {
        int v0 = Key.K0;
        int v1 = Key.K1;
        int v2 = 0x6c796765 ^ Key.K0;
        int v3 = 0x74656462 ^ Key.K1;
        int n = s.length();
        int i = 0;
        for (; i + 1 < n; i += 2) {
            int m = s.charAt(i) | s.charAt(i + 1) << 16;
            v3 ^= m;
            v0 += v1; v1 = Integer.rotateLeft(v1, 5); v1 ^= v0; v0 = Integer.rotateLeft(v0, 16);
            v2 += v3; v3 = Integer.rotateLeft(v3, 8); v3 ^= v2;
            v0 += v3; v3 = Integer.rotateLeft(v3, 7); v3 ^= v0;
            v2 += v1; v1 = Integer.rotateLeft(v1, 13); v1 ^= v2; v2 = Integer.rotateLeft(v2, 16);
            v0 ^= m;
        }
        int last = (i < n ? s.charAt(i) : 0) | n << 16;
        v3 ^= last;
        v0 += v1; v1 = Integer.rotateLeft(v1, 5); v1 ^= v0; v0 = Integer.rotateLeft(v0, 16);
        v2 += v3; v3 = Integer.rotateLeft(v3, 8); v3 ^= v2;
        v0 += v3; v3 = Integer.rotateLeft(v3, 7); v3 ^= v0;
        v2 += v1; v1 = Integer.rotateLeft(v1, 13); v1 ^= v2; v2 = Integer.rotateLeft(v2, 16);
        v0 ^= last;
        v2 ^= 0xff;
        for (int r = 0; r < 3; r++) {
            v0 += v1; v1 = Integer.rotateLeft(v1, 5); v1 ^= v0; v0 = Integer.rotateLeft(v0, 16);
            v2 += v3; v3 = Integer.rotateLeft(v3, 8); v3 ^= v2;
            v0 += v3; v3 = Integer.rotateLeft(v3, 7); v3 ^= v0;
            v2 += v1; v1 = Integer.rotateLeft(v1, 13); v1 ^= v2; v2 = Integer.rotateLeft(v2, 16);
        }
        return v1 ^ v3;
    }

    /** The hash key, drawn once per process when the first large map is indexed. */
    private static final class Key {
        static final int K0 = (int) (Math.random() * 4294967296.0);
        static final int K1 = (int) (Math.random() * 4294967296.0);
    }
}
