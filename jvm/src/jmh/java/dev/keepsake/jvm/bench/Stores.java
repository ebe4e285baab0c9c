package dev.keepsake.jvm.bench;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.jvm.fs.FileSystemBackend;
import dev.keepsake.jvm.sql.PostgresBackend;
import dev.keepsake.jvm.sql.SqliteBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/** Opens the JVM backends the comparison benchmarks run on, in a fresh temporary directory. */
final class Stores {

    /** Where PostgreSQL is expected: {@code KEEPSAKE_PG_URL}, else the local server. */
    static final String PG_URL = System.getenv("KEEPSAKE_PG_URL") != null ? System.getenv("KEEPSAKE_PG_URL")
            : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private Stores() {
    }

    static Path newDir() throws IOException {
        Path parent = Path.of(System.getProperty("keepsake.bench.dir", System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(parent, "keepsake-compare");
    }

    /** Opens {@code kind} ("fs", "sqlite" or "postgres") under {@code dir}. */
    static StorageBackend open(String kind, Path dir) {
        switch (kind) {
            case "fs":
                return FileSystemBackend.open(dir.resolve("fs"));
            case "sqlite":
                return SqliteBackend.open(dir.resolve("keepsake.db"));
            case "postgres":
                return PostgresBackend.builder(PG_URL).table(pgTable()).open();
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    static String pgTable() {
        return "ks_compare_" + ProcessHandle.current().pid();
    }

    static void dropPgTable() throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS \"" + pgTable() + "\"");
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
