package dev.keepsake.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a sync server runs: where it listens, where it stores, what it allows. Immutable; built
 * by {@link #builder()}, which checks every value.
 */
public final class ServerConfig {

    /** The port served when none is given. */
    public static final int DEFAULT_PORT = 8787;

    final String host;
    final int port;
    final Path sqliteFile;
    final String postgresUrl;
    final List<String> corsOrigins;
    final long maxBodyBytes;
    final int maxOperations;
    final long maxValueBytes;
    final long keepTombstones;
    final Duration maxWatch;
    final int poolSize;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.sqliteFile = b.sqliteFile;
        this.postgresUrl = b.postgresUrl;
        this.corsOrigins = List.copyOf(b.corsOrigins);
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxOperations = b.maxOperations;
        this.maxValueBytes = b.maxValueBytes;
        this.keepTombstones = b.keepTombstones;
        this.maxWatch = b.maxWatch;
        this.poolSize = b.poolSize;
    }

    /** Returns a builder with the defaults: 127.0.0.1:8787, SQLite file {@code keepsake-server.db}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        // The PostgreSQL URL may carry a password: only its kind is shown.
        return "ServerConfig[" + host + ":" + port + ", " + (postgresUrl != null ? "postgres" : "sqlite " + sqliteFile)
                + ", cors " + corsOrigins + ", max body " + maxBodyBytes + ", max ops " + maxOperations
                + ", max value " + maxValueBytes + ", keep tombstones " + keepTombstones + "]";
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path sqliteFile = Path.of("keepsake-server.db");
        private String postgresUrl;
        private final List<String> corsOrigins = new ArrayList<>();
        private long maxBodyBytes = 16L << 20;
        private int maxOperations = 1000;
        private long maxValueBytes = 4L << 20;
        private long keepTombstones = 100_000;
        private Duration maxWatch = Duration.ofSeconds(60);
        private int poolSize = 8;

        private Builder() {
        }

        /** The address to listen on (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port, 0 for any free one (default 8787). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Stores in this SQLite file (the default store). */
        public Builder sqlite(Path file) {
            this.sqliteFile = Objects.requireNonNull(file, "file");
            this.postgresUrl = null;
            return this;
        }

        /** Stores in PostgreSQL at this JDBC URL ({@code jdbc:postgresql://...}). */
        public Builder postgres(String jdbcUrl) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("the PostgreSQL URL must start with jdbc:postgresql:");
            }
            this.postgresUrl = jdbcUrl;
            return this;
        }

        /** Allows pages from {@code origin} (such as {@code https://app.example}, or {@code *}) to call the server. */
        public Builder corsOrigin(String origin) {
            Objects.requireNonNull(origin, "origin");
            if (!origin.equals("*") && !(origin.startsWith("http://") || origin.startsWith("https://"))) {
                throw new IllegalArgumentException("a CORS origin is * or starts with http:// or https://: " + origin);
            }
            corsOrigins.add(origin);
            return this;
        }

        /** The largest request body accepted (default 16 MiB). */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("max body must be at least 1024 bytes: " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** The most operations one push may carry (default 1000). */
        public Builder maxOperations(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("max operations must be at least 1: " + count);
            }
            this.maxOperations = count;
            return this;
        }

        /** The largest value accepted (default 4 MiB). */
        public Builder maxValueBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("max value must not be negative: " + bytes);
            }
            this.maxValueBytes = bytes;
            return this;
        }

        /** How many versions a tombstone is kept before it is pruned (default 100,000). */
        public Builder keepTombstones(long versions) {
            if (versions < 1) {
                throw new IllegalArgumentException("tombstones must be kept for at least 1 version: " + versions);
            }
            this.keepTombstones = versions;
            return this;
        }

        /** The longest a watch waits (default 60 s). */
        public Builder maxWatch(Duration wait) {
            if (wait.isNegative() || wait.isZero() || wait.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("max watch must be between 1 ms and 10 minutes: " + wait);
            }
            this.maxWatch = wait;
            return this;
        }

        /** The PostgreSQL connections per server process (default 8). */
        public Builder poolSize(int connections) {
            if (connections < 1 || connections > 100) {
                throw new IllegalArgumentException("pool size must be between 1 and 100: " + connections);
            }
            this.poolSize = connections;
            return this;
        }

        /** Returns the configuration. */
        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
