package dev.keepsake.core.manager;

import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link PersistenceManager} stores values: immutable, built by a {@link Builder} that
 * rejects nonsense with a message. Defaults follow the original design:
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>key prefix</td><td>{@code "keepsake"}</td><td>namespace of this manager's keys in
 *       the backend; managers with different prefixes never see each other's keys</td></tr>
 *   <tr><td>auto-save</td><td>on</td><td>stores built on the manager save every change</td></tr>
 *   <tr><td>save debounce</td><td>100 ms</td><td>a batch is written this long after the last
 *       change</td></tr>
 *   <tr><td>batch writes</td><td>on</td><td>off writes each save at once, one by one</td></tr>
 *   <tr><td>flush interval</td><td>1000 ms</td><td>the longest a change waits, even under a
 *       constant stream of changes</td></tr>
 *   <tr><td>max batch size</td><td>100</td><td>a batch is written as soon as it holds this many
 *       keys</td></tr>
 *   <tr><td>cache size</td><td>1000</td><td>decoded values kept in memory (0 disables)</td></tr>
 *   <tr><td>error strategy</td><td>log and continue</td><td>see {@link ErrorStrategy}</td></tr>
 *   <tr><td>compressor</td><td>none</td><td>tried on every value, kept only when it shrinks
 *       it</td></tr>
 *   <tr><td>cipher</td><td>none</td><td>authenticated encryption bound to each value's key; a
 *       value it did not seal is refused as corrupted</td></tr>
 *   <tr><td>read unencrypted</td><td>off</td><td>with a cipher, also read values stored
 *       unencrypted (while migrating to encryption); each is encrypted when next written</td></tr>
 *   <tr><td>backups</td><td>off</td><td>keep the last N written versions of each key, at most
 *       one new one per interval; a corrupted value is recovered from the newest good one</td></tr>
 * </table>
 */
public final class PersistenceConfig {

    private static final PersistenceConfig DEFAULTS = builder().build();

    private final String keyPrefix;
    private final boolean autoSave;
    private final long saveDebounceMillis;
    private final boolean batchWrites;
    private final long flushIntervalMillis;
    private final int maxBatchSize;
    private final int cacheSize;
    private final ErrorStrategy errorStrategy;
    private final Compressor compressor;
    private final List<Compressor> decompressors;
    private final Cipher cipher;
    private final boolean readUnencrypted;
    /** Null until an algorithm is configured; see {@link EnvelopeStages}. */
    private final EnvelopeStages stages;
    /** The algorithms that open values, checked once by {@link Builder#build()}; null with {@link #stages}. */
    private final Algorithms readers;
    private final KeyNamespace namespace;
    private final int backupCount;
    private final long backupIntervalMillis;

    private PersistenceConfig(Builder b, Algorithms readers) {
        this.keyPrefix = b.keyPrefix;
        this.autoSave = b.autoSave;
        this.saveDebounceMillis = b.saveDebounceMillis;
        this.batchWrites = b.batchWrites;
        this.flushIntervalMillis = b.flushIntervalMillis;
        this.maxBatchSize = b.maxBatchSize;
        this.cacheSize = b.cacheSize;
        this.errorStrategy = b.errorStrategy;
        this.compressor = b.compressor;
        this.decompressors = List.copyOf(b.decompressors);
        this.cipher = b.cipher;
        this.readUnencrypted = b.readUnencrypted;
        this.backupCount = b.backupCount;
        this.backupIntervalMillis = b.backupIntervalMillis;
        this.stages = b.stages;
        this.readers = readers;
        this.namespace = new KeyNamespace(keyPrefix);
    }

    /** Returns the configuration with every default. */
    public static PersistenceConfig defaults() {
        return DEFAULTS;
    }

    /** Returns a builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyPrefix = keyPrefix;
        b.autoSave = autoSave;
        b.saveDebounceMillis = saveDebounceMillis;
        b.batchWrites = batchWrites;
        b.flushIntervalMillis = flushIntervalMillis;
        b.maxBatchSize = maxBatchSize;
        b.cacheSize = cacheSize;
        b.errorStrategy = errorStrategy;
        b.compressor = compressor;
        b.decompressors.addAll(decompressors);
        b.cipher = cipher;
        b.readUnencrypted = readUnencrypted;
        b.backupCount = backupCount;
        b.backupIntervalMillis = backupIntervalMillis;
        b.stages = stages;
        return b;
    }

    /** Returns the namespace of this manager's keys. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * Returns the backend key under which a manager with this configuration stores {@code key}:
     * the key prefix with {@code '\'}, {@code ':'} and {@code '!'} escaped by {@code '\'},
     * then {@code ':'} and the key. It is part of the storage format, for code that watches a
     * backend itself (another tab following a key, a migration script).
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    public String storageKey(String key) {
        return namespace.toStorage(key);
    }

    /** Returns whether stores built on the manager save every change automatically. */
    public boolean autoSave() {
        return autoSave;
    }

    /** Returns how long after the last change a batch is written. */
    public long saveDebounceMillis() {
        return saveDebounceMillis;
    }

    /** Returns whether saves are collected into batches. */
    public boolean batchWrites() {
        return batchWrites;
    }

    /** Returns the longest a change waits before its batch is written. */
    public long flushIntervalMillis() {
        return flushIntervalMillis;
    }

    /** Returns the number of keys at which a batch is written at once. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** Returns how many decoded values are cached (0: none). */
    public int cacheSize() {
        return cacheSize;
    }

    /** Returns what happens when a batch cannot be written. */
    public ErrorStrategy errorStrategy() {
        return errorStrategy;
    }

    /** Returns the compressor tried on every value, or null for none. */
    public Compressor compressor() {
        return compressor;
    }

    /**
     * Returns the compressors that only read: values stored with one of them open although new
     * values are written with {@link #compressor()} (which reads too) or uncompressed.
     */
    public List<Compressor> decompressors() {
        return decompressors;
    }

    /** Returns the cipher every value is encrypted with, or null for none. */
    public Cipher cipher() {
        return cipher;
    }

    /**
     * Returns whether values stored unencrypted are read although a {@link #cipher()} is
     * configured; without this, they are refused as corrupted.
     */
    public boolean readUnencrypted() {
        return readUnencrypted;
    }

    /** Returns the envelope stages the algorithms need, or null if none is configured. */
    EnvelopeStages stages() {
        return stages;
    }

    /** Returns the algorithms that open values, or null if none is configured. */
    Algorithms readers() {
        return readers;
    }

    /** Returns where this configuration's keys live in a backend. */
    KeyNamespace namespace() {
        return namespace;
    }

    /** Returns how many backups are kept per key (0: backups are off). */
    public int backupCount() {
        return backupCount;
    }

    /** Returns the least time between two backups of one key. */
    public long backupIntervalMillis() {
        return backupIntervalMillis;
    }

    @Override
    public String toString() {
        return "PersistenceConfig[keyPrefix=" + keyPrefix + ", autoSave=" + autoSave
                + ", saveDebounceMillis=" + saveDebounceMillis + ", batchWrites=" + batchWrites
                + ", flushIntervalMillis=" + flushIntervalMillis + ", maxBatchSize=" + maxBatchSize
                + ", cacheSize=" + cacheSize + ", errorStrategy=" + errorStrategy
                + ", compressor=" + (compressor == null ? "none" : compressor.name())
                + ", decompressors=" + names(decompressors)
                + ", cipher=" + (cipher == null ? "none" : cipher.name())
                + (readUnencrypted ? ", readUnencrypted" : "")
                + ", backups=" + backupCount + " every " + backupIntervalMillis + " ms]";
    }

    private static String names(List<Compressor> compressors) {
        StringBuilder out = new StringBuilder("[");
        for (Compressor compressor : compressors) {
            out.append(out.length() > 1 ? ", " : "").append(compressor.name());
        }
        return out.append(']').toString();
    }

    /** Collects settings; {@link #build()} validates them together. Not thread-safe. */
    public static final class Builder {
        private String keyPrefix = "keepsake";
        private boolean autoSave = true;
        private long saveDebounceMillis = 100;
        private boolean batchWrites = true;
        private long flushIntervalMillis = 1000;
        private int maxBatchSize = 100;
        private int cacheSize = 1000;
        private ErrorStrategy errorStrategy = ErrorStrategy.logAndContinue();
        private Compressor compressor;
        private final List<Compressor> decompressors = new ArrayList<>();
        private Cipher cipher;
        private boolean readUnencrypted;
        private EnvelopeStages stages;
        private int backupCount;
        private long backupIntervalMillis = 60_000;

        private Builder() {
        }

        /**
         * Sets the namespace of the manager's keys.
         *
         * @throws NullPointerException if {@code prefix} is null
         * @throws IllegalArgumentException if {@code prefix} is empty or malformed
         */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Keys.requireValid(prefix);
            return this;
        }

        /** Sets whether stores save every change automatically. */
        public Builder autoSave(boolean autoSave) {
            this.autoSave = autoSave;
            return this;
        }

        /**
         * Sets how long after the last change a batch is written.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder saveDebounceMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("save debounce must not be negative: " + millis + " ms");
            }
            this.saveDebounceMillis = millis;
            return this;
        }

        /** Sets whether saves are collected into batches. */
        public Builder batchWrites(boolean batchWrites) {
            this.batchWrites = batchWrites;
            return this;
        }

        /**
         * Sets the longest a change waits before its batch is written.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder flushIntervalMillis(long millis) {
            if (millis <= 0) {
                throw new IllegalArgumentException("flush interval must be positive: " + millis + " ms");
            }
            this.flushIntervalMillis = millis;
            return this;
        }

        /**
         * Sets the number of keys at which a batch is written at once.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxBatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("max batch size must be at least 1: " + size);
            }
            this.maxBatchSize = size;
            return this;
        }

        /**
         * Sets how many decoded values are cached; 0 disables the cache.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("cache size must not be negative: " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /**
         * Sets what happens when a batch cannot be written.
         *
         * @throws NullPointerException if {@code strategy} is null
         */
        public Builder errorStrategy(ErrorStrategy strategy) {
            this.errorStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** Sets the compressor tried on every value; null for none. */
        public Builder compressor(Compressor compressor) {
            this.compressor = compressor;
            this.stages = AlgorithmStages.INSTANCE;
            return this;
        }

        /**
         * Adds a compressor that only reads: values stored with it still open after compression
         * is switched off or to another algorithm. Adding one with the id and name of the write
         * compressor or of one already added changes nothing.
         *
         * @throws NullPointerException if {@code decompressor} is null
         */
        public Builder decompressor(Compressor decompressor) {
            Objects.requireNonNull(decompressor, "decompressor");
            if (!AlgorithmStages.containsAlgorithm(decompressors, decompressor)) {
                decompressors.add(decompressor);
            }
            this.stages = AlgorithmStages.INSTANCE;
            return this;
        }

        /** Sets the cipher every value is encrypted with; null for none. Its key is never printed. */
        public Builder cipher(Cipher cipher) {
            this.cipher = cipher;
            this.stages = AlgorithmStages.INSTANCE;
            return this;
        }

        /**
         * Sets whether a manager with a cipher also reads values stored unencrypted: for
         * migrating data written before encryption was switched on. Each such value is
         * encrypted when it is next written. While on, anyone who can write the storage can
         * put values there without the key; off (the default), an unencrypted value is refused
         * with {@link dev.keepsake.core.error.CorruptedDataException}.
         */
        public Builder readUnencrypted(boolean read) {
            this.readUnencrypted = read;
            return this;
        }

        /**
         * Keeps the last {@code count} written versions of each key, taking at most one new
         * backup per {@code intervalMillis}; 0 turns backups off.
         *
         * @throws IllegalArgumentException if a number is negative
         */
        public Builder backups(int count, long intervalMillis) {
            if (count < 0) {
                throw new IllegalArgumentException("backup count must not be negative: " + count);
            }
            if (intervalMillis < 0) {
                throw new IllegalArgumentException("backup interval must not be negative: " + intervalMillis + " ms");
            }
            this.backupCount = count;
            this.backupIntervalMillis = intervalMillis;
            return this;
        }

        /**
         * Returns the configuration.
         *
         * @throws IllegalArgumentException if the debounce exceeds the flush interval, or a
         *     compressor or cipher has an invalid id, or two different compressors share an id,
         *     or unencrypted values are to be read without a cipher
         */
        public PersistenceConfig build() {
            if (saveDebounceMillis > flushIntervalMillis) {
                throw new IllegalArgumentException("save debounce (" + saveDebounceMillis
                        + " ms) must not exceed the flush interval (" + flushIntervalMillis + " ms)");
            }
            if (readUnencrypted && cipher == null) {
                throw new IllegalArgumentException("readUnencrypted is for migrating to encryption: it needs a cipher");
            }
            // Rejects bad and clashing ids, with a message.
            Algorithms readers = stages == null ? null
                    : stages.readers(compressor, decompressors, cipher, readUnencrypted);
            return new PersistenceConfig(this, readers);
        }
    }
}
