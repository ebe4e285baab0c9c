package dev.keepsake.core.format;

import java.util.Objects;

/**
 * The compressors and ciphers a reader has configured, looked up by the ids stored in
 * envelopes: what {@link Envelope#open} may use to read a value.
 *
 * <p>A set with a cipher opens only values sealed by one of its ciphers: an unencrypted value
 * (cipher id 0), or one naming a cipher the set lacks, is reported as a
 * {@link dev.keepsake.core.error.CorruptedDataException}, because without the key anyone who
 * can write the storage could have put it there. {@link Builder#acceptUnencrypted()} lets such
 * a set open unencrypted values too, for a migration to encryption.
 *
 * <p>Immutable and thread-safe once built. Otherwise an id the envelope names but this set lacks
 * is reported as a {@link dev.keepsake.core.error.SerializationException} (a configuration
 * problem: the bytes are intact), never as corruption.
 */
public final class Algorithms {

    private final Compressor[] compressors;
    private final Cipher[] ciphers;
    private final boolean hasCipher;
    private final boolean acceptsUnencrypted;

    private Algorithms(Compressor[] compressors, Cipher[] ciphers, boolean hasCipher, boolean acceptsUnencrypted) {
        this.compressors = compressors;
        this.ciphers = ciphers;
        this.hasCipher = hasCipher;
        this.acceptsUnencrypted = acceptsUnencrypted;
    }

    /** Returns the empty set: only uncompressed, unencrypted envelopes can be opened with it. */
    public static Algorithms none() {
        return None.INSTANCE;
    }

    /**
     * Holds the empty set, so that the id checks below, which every envelope read makes, do
     * not initialize this class (in the browser's key-value build nothing else uses it).
     */
    private static final class None {
        static final Algorithms INSTANCE = new Algorithms(new Compressor[256], new Cipher[256], false, true);
    }

    /** Returns a builder for a set of compressors and ciphers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the compressor with {@code id}, or null if none is configured. */
    public Compressor compressor(int id) {
        return id >= 0 && id < 256 ? compressors[id] : null;
    }

    /** Returns the cipher with {@code id}, or null if none is configured. */
    public Cipher cipher(int id) {
        return id >= 0 && id < 256 ? ciphers[id] : null;
    }

    /** Returns whether this set holds a cipher, and so refuses values no cipher of it sealed. */
    public boolean hasCipher() {
        return hasCipher;
    }

    /** Returns whether unencrypted values open: always without a cipher, by choice with one. */
    public boolean acceptsUnencrypted() {
        return acceptsUnencrypted;
    }

    /** Returns whether {@code id} may name a compressor: registered or user-defined, not 0. */
    static boolean isValidCompressorId(int id) {
        return (id >= Compressor.GZIP && id <= Compressor.ZSTD)
                || (id >= Compressor.FIRST_USER_ID && id <= 255);
    }

    /** Returns whether {@code id} may name a cipher: registered or user-defined, not 0. */
    static boolean isValidCipherId(int id) {
        return (id >= Cipher.AES_256_GCM && id <= Cipher.CHACHA20_POLY1305)
                || (id >= Cipher.FIRST_USER_ID && id <= 255);
    }

    /** Checks what {@link Envelope} and {@link Builder} require of a compressor. */
    static void checkCompressor(Compressor compressor) {
        int id = compressor.id();
        if (!isValidCompressorId(id)) {
            throw new IllegalArgumentException("compressor id " + id + " of " + compressor.name()
                    + " is not allowed: use a registered id (1-3) or a user id (128-255)");
        }
        checkName(compressor.name(), "compressor", id);
    }

    /** Checks what {@link Envelope} and {@link Builder} require of a cipher. */
    static void checkCipher(Cipher cipher) {
        int id = cipher.id();
        if (!isValidCipherId(id)) {
            throw new IllegalArgumentException("cipher id " + id + " of " + cipher.name()
                    + " is not allowed: use a registered id (1-2) or a user id (128-255)");
        }
        checkName(cipher.name(), "cipher", id);
        if (cipher.overheadBytes() < 0) {
            throw new IllegalArgumentException("cipher " + cipher.name() + " declares negative overhead "
                    + cipher.overheadBytes());
        }
    }

    private static void checkName(String name, String what, int id) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " with id " + id + " has no name");
        }
    }

    /** Collects compressors and ciphers; rejects invalid and duplicate ids. Not thread-safe. */
    public static final class Builder {
        private final Compressor[] compressors = new Compressor[256];
        private final Cipher[] ciphers = new Cipher[256];
        private boolean hasCipher;
        private boolean acceptUnencrypted;

        private Builder() {
        }

        /**
         * Lets a set with a cipher open unencrypted values as well: for reading data written
         * before encryption was switched on. Anyone who can write the storage can then put
         * values there without the key, so use it only while migrating. Without a cipher it
         * changes nothing.
         */
        public Builder acceptUnencrypted() {
            this.acceptUnencrypted = true;
            return this;
        }

        /**
         * Adds {@code compressor} under its id.
         *
         * @throws IllegalArgumentException if its id is 0, reserved (4&ndash;127) or out of
         *     range, its name is empty, or another compressor already has the id
         */
        public Builder compressor(Compressor compressor) {
            Objects.requireNonNull(compressor, "compressor");
            checkCompressor(compressor);
            Compressor existing = compressors[compressor.id()];
            if (existing != null) {
                throw new IllegalArgumentException("two compressors with id " + compressor.id() + ": "
                        + existing.name() + " and " + compressor.name());
            }
            compressors[compressor.id()] = compressor;
            return this;
        }

        /**
         * Adds {@code cipher} under its id.
         *
         * @throws IllegalArgumentException if its id is 0, reserved (3&ndash;127) or out of
         *     range, its name is empty, its overhead is negative, or another cipher already has
         *     the id
         */
        public Builder cipher(Cipher cipher) {
            Objects.requireNonNull(cipher, "cipher");
            checkCipher(cipher);
            Cipher existing = ciphers[cipher.id()];
            if (existing != null) {
                throw new IllegalArgumentException("two ciphers with id " + cipher.id() + ": "
                        + existing.name() + " and " + cipher.name());
            }
            ciphers[cipher.id()] = cipher;
            hasCipher = true;
            return this;
        }

        /** Returns the immutable set; the builder may be reused. */
        public Algorithms build() {
            // Copied element by element: clone() of an interface-typed array fails its cast in
            // TeaVM 0.16's wasm-gc output (ClassCastException in WasmGCSupport.cce).
            Compressor[] compressorCopy = new Compressor[compressors.length];
            System.arraycopy(compressors, 0, compressorCopy, 0, compressors.length);
            Cipher[] cipherCopy = new Cipher[ciphers.length];
            System.arraycopy(ciphers, 0, cipherCopy, 0, ciphers.length);
            return new Algorithms(compressorCopy, cipherCopy, hasCipher, !hasCipher || acceptUnencrypted);
        }
    }
}
