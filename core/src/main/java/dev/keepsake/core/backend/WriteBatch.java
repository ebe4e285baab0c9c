package dev.keepsake.core.backend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts and deletes to apply together through {@link StorageBackend#write}. Immutable; each key
 * appears at most once (the builder keeps the last operation per key, in first-seen order).
 */
public final class WriteBatch {

    private final List<Entry> entries;

    private WriteBatch(List<Entry> entries) {
        this.entries = entries;
    }

    /** Returns a new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the operations, at most one per key. */
    public List<Entry> entries() {
        return entries;
    }

    /** Returns the number of operations. */
    public int size() {
        return entries.size();
    }

    /** Returns whether there is nothing to apply. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return "WriteBatch[" + entries.size() + " entries]";
    }

    /**
     * One operation: a put of {@code value} under {@code key}, or a delete when {@code value}
     * is null.
     *
     * @param key the key
     * @param value the bytes to store, or null to delete
     */
    public record Entry(String key, byte[] value) {

        /** Returns whether this entry deletes its key. */
        public boolean isDelete() {
            return value == null;
        }

        @Override
        public String toString() {
            return isDelete() ? "delete " + key : "put " + key + " (" + value.length + " bytes)";
        }
    }

    /** Collects operations; not thread-safe. */
    public static final class Builder {
        // A key's later operation replaces its earlier one in place: the entries in the order
        // of each key's first operation, and where each key's entry is.
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, Integer> indexOf = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds a put; the bytes are copied.
         *
         * @throws NullPointerException if {@code key} or {@code value} is null
         * @throws IllegalArgumentException if {@code key} is empty or malformed
         */
        public Builder put(String key, byte[] value) {
            Keys.requireValid(key);
            Objects.requireNonNull(value, "value");
            set(new Entry(key, value.clone()));
            return this;
        }

        /**
         * Adds a delete.
         *
         * @throws NullPointerException if {@code key} is null
         * @throws IllegalArgumentException if {@code key} is empty or malformed
         */
        public Builder delete(String key) {
            Keys.requireValid(key);
            set(new Entry(key, null));
            return this;
        }

        private void set(Entry entry) {
            Integer index = indexOf.putIfAbsent(entry.key(), entries.size());
            if (index == null) {
                entries.add(entry);
            } else {
                entries.set(index, entry);
            }
        }

        /** Returns the number of distinct keys added so far. */
        public int size() {
            return entries.size();
        }

        /** Returns an immutable batch of what was added. */
        public WriteBatch build() {
            return new WriteBatch(List.copyOf(entries));
        }
    }
}
