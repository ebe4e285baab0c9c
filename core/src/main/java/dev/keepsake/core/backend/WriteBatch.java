package dev.keepsake.core.backend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts and deletes to apply together through {@link StorageBackend#write}. Immutable; each key
 * appears at most once (the builder keeps the last operation per key, in first-seen order).
 *
 * <p>Each put carries the new version its entry will have once written ({@link Versioned});
 * a conditional put or delete ({@link Builder#putIf}, {@link Builder#deleteIf}) also carries the
 * version it expects to find. A backend checks every expectation of a batch before applying
 * any of it, and refuses the whole batch with
 * {@link dev.keepsake.core.error.ConflictException} if one does not hold.
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

    /** The expected version of an entry that is applied whatever version is stored. */
    public static final long UNCONDITIONAL = -1;

    /**
     * One operation: a put of {@code value} under {@code key}, or a delete when {@code value}
     * is null.
     *
     * @param key the key
     * @param value the bytes to store, or null to delete
     * @param version the version a put gives its entry ({@link Versioned#ABSENT} for a delete)
     * @param expected the version that must be stored for the operation to apply
     *     ({@link Versioned#ABSENT}: no entry), or {@link #UNCONDITIONAL}
     */
    public record Entry(String key, byte[] value, long version, long expected) {

        /** An unconditional put (or delete, when {@code value} is null) with a new version. */
        public Entry(String key, byte[] value) {
            this(key, value, value == null ? Versioned.ABSENT : newVersion(), UNCONDITIONAL);
        }

        /** Returns whether this entry deletes its key. */
        public boolean isDelete() {
            return value == null;
        }

        /** Returns whether this entry applies only when its key's version is {@link #expected}. */
        public boolean isConditional() {
            return expected != UNCONDITIONAL;
        }

        @Override
        public String toString() {
            String op = isDelete() ? "delete " + key : "put " + key + " (" + value.length + " bytes)";
            return isConditional() ? op + " if version " + expected : op;
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
         * Adds a put that applies only if {@code key}'s stored version is {@code expectedVersion}
         * ({@link Versioned#ABSENT}: only if nothing is stored); the bytes are copied.
         *
         * @throws NullPointerException if {@code key} or {@code value} is null
         * @throws IllegalArgumentException if {@code key} is empty or malformed, or the version
         *     is negative
         */
        public Builder putIf(String key, byte[] value, long expectedVersion) {
            Keys.requireValid(key);
            Objects.requireNonNull(value, "value");
            set(new Entry(key, value.clone(), newVersion(), requireVersion(expectedVersion)));
            return this;
        }

        /**
         * Adds a delete that applies only if {@code key}'s stored version is
         * {@code expectedVersion}.
         *
         * @throws NullPointerException if {@code key} is null
         * @throws IllegalArgumentException if {@code key} is empty or malformed, or the version
         *     is negative
         */
        public Builder deleteIf(String key, long expectedVersion) {
            Keys.requireValid(key);
            set(new Entry(key, null, Versioned.ABSENT, requireVersion(expectedVersion)));
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

        /**
         * Adds {@code entry} as it is, keeping its version and expectation: for a backend that
         * decorates another and passes its callers' batches on (their versions must be the ones
         * stored, or their later compare-and-set would miss).
         *
         * @throws NullPointerException if {@code entry} is null
         * @throws IllegalArgumentException if its key is empty or malformed, or a put's version
         *     is below 2, or a conditional entry's expectation is negative
         */
        public Builder entry(Entry entry) {
            Keys.requireValid(entry.key());
            if (!entry.isDelete() && entry.version() < 2) {
                throw new IllegalArgumentException("a put's version must be at least 2: " + entry.version());
            }
            if (entry.expected() < UNCONDITIONAL) {
                throw new IllegalArgumentException("expected version must not be below -1: " + entry.expected());
            }
            set(entry);
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

        private static long requireVersion(long version) {
            if (version < 0) {
                throw new IllegalArgumentException("version must not be negative: " + version);
            }
            return version;
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

    /** Returns a random version from 2 to 2^53 - 1: exact as a JavaScript number, never ABSENT or UNVERSIONED. */
    static long newVersion() {
        // Math.random: native in the browser builds; its 53 bits fit a double exactly.
        return 2 + (long) (Math.random() * 9007199254740990.0);
    }
}
