package dev.keepsake.core.manager;

import java.util.HashMap;
import java.util.Objects;

/**
 * A map bounded by entry count that evicts the least recently used entry: the manager's cache
 * of decoded values.
 *
 * <p>Model: {@link #get} and {@link #put} make an entry the most recently used; when a put of
 * a new key finds the cache full, the least recently used entry is evicted first.
 * {@link #containsKey} does not count as a use. A capacity of 0 disables the cache: it stays
 * empty. Keys and values must not be null, so that a null from {@code get} always means
 * "not cached".
 *
 * <p>Every operation is O(1): a hash map from key to node, and a doubly linked list of nodes
 * from least to most recently used. The list is kept by hand rather than by
 * {@code LinkedHashMap}'s access order so that eviction does not depend on any class library's
 * implementation details (the same order on the JVM and under TeaVM).
 *
 * <p>Not thread-safe: the manager guards every call with its own lock. Each mutating method
 * either completes or, on a null argument, throws before changing anything.
 *
 * @param <K> the key type; needs consistent {@code equals} and {@code hashCode}
 * @param <V> the value type
 */
final class LruCache<K, V> {

    private final int capacity;
    private final HashMap<K, Node<K, V>> index;
    /** Sentinel: {@code head.next} is the least recently used, {@code head.previous} the most. */
    private final Node<K, V> head = new Node<>(null, null);

    /**
     * Creates an empty cache holding at most {@code capacity} entries.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    LruCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        // Sized for the expected load, but not preallocated for a huge capacity never reached.
        this.index = new HashMap<>(Math.min(capacity, 1024) * 4 / 3 + 1);
        head.previous = head;
        head.next = head;
    }

    /** Returns the maximum number of entries; 0 means the cache is disabled. */
    int capacity() {
        return capacity;
    }

    /** Returns the number of entries. */
    int size() {
        return index.size();
    }

    /**
     * Returns the value cached for {@code key}, or null, and makes the entry the most recently
     * used.
     *
     * @throws NullPointerException if {@code key} is null
     */
    V get(K key) {
        Objects.requireNonNull(key, "key");
        Node<K, V> node = index.get(key);
        if (node == null) {
            return null;
        }
        unlink(node);
        linkLast(node);
        return node.value;
    }

    /**
     * Returns whether {@code key} is cached, without making it more recently used.
     *
     * @throws NullPointerException if {@code key} is null
     */
    boolean containsKey(K key) {
        Objects.requireNonNull(key, "key");
        return index.containsKey(key);
    }

    /**
     * Caches {@code value} under {@code key} as the most recently used entry, evicting the least
     * recently used entry if a new key finds the cache full; does nothing when disabled.
     *
     * @return the value previously cached for {@code key}, or null
     * @throws NullPointerException if {@code key} or {@code value} is null; nothing changes
     */
    V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (capacity == 0) {
            return null;
        }
        Node<K, V> node = index.get(key);
        if (node != null) {
            V previous = node.value;
            node.value = value;
            unlink(node);
            linkLast(node);
            return previous;
        }
        if (index.size() >= capacity) {
            Node<K, V> eldest = head.next;
            unlink(eldest);
            index.remove(eldest.key);
        }
        node = new Node<>(key, value);
        index.put(key, node);
        linkLast(node);
        return null;
    }

    /**
     * Removes the entry for {@code key}, if any.
     *
     * @return the value that was cached, or null
     * @throws NullPointerException if {@code key} is null; nothing changes
     */
    V remove(K key) {
        Objects.requireNonNull(key, "key");
        Node<K, V> node = index.remove(key);
        if (node == null) {
            return null;
        }
        unlink(node);
        return node.value;
    }

    /** Removes every entry. */
    void clear() {
        index.clear();
        // The detached nodes still link to each other, which is harmless: nothing reaches them.
        head.previous = head;
        head.next = head;
    }

    private void linkLast(Node<K, V> node) {
        Node<K, V> last = head.previous;
        node.previous = last;
        node.next = head;
        last.next = node;
        head.previous = node;
    }

    private static <K, V> void unlink(Node<K, V> node) {
        node.previous.next = node.next;
        node.next.previous = node.previous;
        node.previous = null;
        node.next = null;
    }

    private static final class Node<K, V> {
        final K key;
        V value;
        Node<K, V> previous;
        Node<K, V> next;

        Node(K key, V value) {
            this.key = key;
            this.value = value;
        }
    }
}
