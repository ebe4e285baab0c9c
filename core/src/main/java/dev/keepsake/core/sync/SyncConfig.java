package dev.keepsake.core.sync;

import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.remote.Protocol;
import java.util.Objects;

/**
 * Where and how a {@link Sync} talks to the sync server: the scope, how to connect, the token,
 * and the timing of retries and watches. Immutable; made by {@link #builder}.
 */
public final class SyncConfig {

    final String scope;
    final Connector connector;
    final TokenProvider tokens;
    final RandomSource random;
    final long minBackoffMillis;
    final long maxBackoffMillis;
    final long watchTimeoutMillis;
    final int pushBatch;
    final int pullLimit;
    final boolean watch;

    private SyncConfig(Builder b) {
        this.scope = b.scope;
        this.connector = b.connector;
        this.tokens = b.tokens;
        this.random = b.random;
        this.minBackoffMillis = b.minBackoffMillis;
        this.maxBackoffMillis = b.maxBackoffMillis;
        this.watchTimeoutMillis = b.watchTimeoutMillis;
        this.pushBatch = b.pushBatch;
        this.pullLimit = b.pullLimit;
        this.watch = b.watch;
    }

    /**
     * Returns a builder for syncing with {@code scope} on the server {@code connector} reaches,
     * authenticated by {@code tokens}; {@code random} makes this device's client id.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code scope} is not 1 to 128 of {@code A-Z a-z 0-9 . _ -}
     */
    public static Builder builder(String scope, Connector connector, TokenProvider tokens, RandomSource random) {
        return new Builder(scope, connector, tokens, random);
    }

    /** Returns the scope. */
    public String scope() {
        return scope;
    }

    /** Returns the first retry delay after a failed round, in milliseconds. */
    public long minBackoffMillis() {
        return minBackoffMillis;
    }

    /** Returns the longest retry delay, in milliseconds. */
    public long maxBackoffMillis() {
        return maxBackoffMillis;
    }

    /** Returns how long one watch request waits for a change, in milliseconds. */
    public long watchTimeoutMillis() {
        return watchTimeoutMillis;
    }

    /** Returns the most outbox entries sent in one push. */
    public int pushBatch() {
        return pushBatch;
    }

    /** Returns whether the sync long-polls the server's watch endpoint for changes. */
    public boolean watch() {
        return watch;
    }

    @Override
    public String toString() {
        return "SyncConfig[" + scope + "]";
    }

    /** Assembles a configuration; not thread-safe. */
    public static final class Builder {
        private final String scope;
        private final Connector connector;
        private final TokenProvider tokens;
        private final RandomSource random;
        private long minBackoffMillis = 500;
        private long maxBackoffMillis = 60_000;
        private long watchTimeoutMillis = 25_000;
        private int pushBatch = 100;
        private int pullLimit = 1000;
        private boolean watch = true;

        private Builder(String scope, Connector connector, TokenProvider tokens, RandomSource random) {
            Objects.requireNonNull(scope, "scope");
            if (!Protocol.isValidScope(scope)) {
                throw new IllegalArgumentException("scope must be 1 to 128 characters of A-Z a-z 0-9 . _ -");
            }
            this.scope = scope;
            this.connector = Objects.requireNonNull(connector, "connector");
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            this.random = Objects.requireNonNull(random, "random");
        }

        /**
         * Sets the retry delays: the first after a failure, doubling up to the longest (default
         * 500 ms to 60 s, with jitter).
         *
         * @throws IllegalArgumentException if {@code minMillis} is below 1 or above {@code maxMillis}
         */
        public Builder backoff(long minMillis, long maxMillis) {
            if (minMillis < 1 || maxMillis < minMillis) {
                throw new IllegalArgumentException("backoff must satisfy 1 <= min <= max: " + minMillis + ", "
                        + maxMillis);
            }
            this.minBackoffMillis = minMillis;
            this.maxBackoffMillis = maxMillis;
            return this;
        }

        /**
         * Sets how long one watch request waits (default 25 s; the server allows up to 60 s).
         *
         * @throws IllegalArgumentException if not between 1 and 60,000
         */
        public Builder watchTimeout(long millis) {
            if (millis < 1 || millis > 60_000) {
                throw new IllegalArgumentException("watch timeout must be 1 to 60000 ms: " + millis);
            }
            this.watchTimeoutMillis = millis;
            return this;
        }

        /** Turns watching off: changes are then pulled only on start, reconnect and {@link Sync#syncNow}. */
        public Builder noWatch() {
            this.watch = false;
            return this;
        }

        /**
         * Sets the most outbox entries per push (default 100).
         *
         * @throws IllegalArgumentException if not between 1 and 1000
         */
        public Builder pushBatch(int operations) {
            if (operations < 1 || operations > 1000) {
                throw new IllegalArgumentException("push batch must be 1 to 1000 operations: " + operations);
            }
            this.pushBatch = operations;
            return this;
        }

        /**
         * Sets the most changes asked for per pull page (default 1000).
         *
         * @throws IllegalArgumentException if not between 1 and 10,000
         */
        public Builder pullLimit(int changes) {
            if (changes < 1 || changes > 10_000) {
                throw new IllegalArgumentException("pull limit must be 1 to 10000 changes: " + changes);
            }
            this.pullLimit = changes;
            return this;
        }

        /** Returns the configuration. */
        public SyncConfig build() {
            return new SyncConfig(this);
        }
    }
}
