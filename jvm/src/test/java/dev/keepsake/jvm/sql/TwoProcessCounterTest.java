package dev.keepsake.jvm.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.store.PersistentStore;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.jvm.JvmAsync;
import java.io.File;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs increment one counter in one SQLite file or one PostgreSQL table at the same time,
 * N times each, and the counter ends at exactly 2N: through a {@link PersistentStore} in each
 * (its writes are compare-and-set and a lost race rebases the pending updates), and through
 * the bare backend (read, conditional put, retry on conflict). PostgreSQL cases skip without a
 * server unless {@code -Dpg.tests.required=true}.
 */
class TwoProcessCounterTest {

    private static final int N = 200;

    @TempDir
    Path dir;

    @Test
    void twoProcessesUpdatingOneStoreOnSqliteEndAtExactly2N() throws Exception {
        untilTheyRace(attempt -> {
            Path file = dir.resolve("counter-" + attempt + ".db");
            int conflicts = run(List.of("sqlite", file.toString()), "store");
            try (SqliteBackend backend = SqliteBackend.open(file)) {
                assertEquals(2 * N, storeValue(backend));
            }
            return conflicts;
        });
    }

    @Test
    void twoProcessesUpdatingOneStoreOnPostgresEndAtExactly2N() throws Exception {
        untilTheyRace(attempt -> {
            String table = postgresTable();
            try {
                int conflicts = run(List.of("postgres", SqlTestSupport.PG_URL, table), "store");
                try (PostgresBackend backend = PostgresBackend.builder(SqlTestSupport.PG_URL).table(table).open()) {
                    assertEquals(2 * N, storeValue(backend));
                }
                return conflicts;
            } finally {
                SqlTestSupport.dropTable(table);
            }
        });
    }

    @Test
    void twoProcessesRacingConditionalPutsOnSqliteEndAtExactly2N() throws Exception {
        untilTheyRace(attempt -> {
            Path file = dir.resolve("counter-" + attempt + ".db");
            int conflicts = run(List.of("sqlite", file.toString()), "backend");
            try (SqliteBackend backend = SqliteBackend.open(file)) {
                assertEquals(2 * N, ByteBuffer.wrap(SqlTestSupport.await(backend.load("counter"))).getInt());
            }
            return conflicts;
        });
    }

    @Test
    void twoProcessesRacingConditionalPutsOnPostgresEndAtExactly2N() throws Exception {
        untilTheyRace(attempt -> {
            String table = postgresTable();
            try {
                int conflicts = run(List.of("postgres", SqlTestSupport.PG_URL, table), "backend");
                try (PostgresBackend backend = PostgresBackend.builder(SqlTestSupport.PG_URL).table(table).open()) {
                    assertEquals(2 * N, ByteBuffer.wrap(SqlTestSupport.await(backend.load("counter"))).getInt());
                }
                return conflicts;
            } finally {
                SqlTestSupport.dropTable(table);
            }
        });
    }

    /** One run of both processes on fresh storage, checked; returns how many races they lost. */
    private interface Round {
        int run(int attempt) throws Exception;
    }

    /**
     * Runs {@code round} until the two processes lost at least one race to each other (up to
     * three times): without one the count proves nothing, and on a loaded machine one process
     * can now and then finish before the other starts.
     */
    private static void untilTheyRace(Round round) throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            if (round.run(attempt) > 0) {
                return;
            }
        }
        fail("the two processes never raced in three runs");
    }

    private static String postgresTable() {
        String problem = SqlTestSupport.pgProblem();
        if (problem != null && SqlTestSupport.pgRequired()) {
            fail(problem);
        }
        assumeTrue(problem == null, problem);
        return SqlTestSupport.uniqueTable("counter");
    }

    private static int storeValue(StorageBackend backend) {
        PersistentStore<Integer> reader = PersistentStore
                .builder(backend, ManualScheduler.create(), "counter", Codecs.ints(), -1).build();
        return JvmAsync.toFuture(reader.whenHydrated()).join();
    }

    /**
     * Starts two children with {@code where} and {@code mode}, releases them together, waits for
     * both; returns the races they lost.
     */
    private int run(List<String> where, String mode) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<File> outputs = new ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), CounterChild.class.getName()));
            command.addAll(where);
            command.add(mode);
            command.add(Integer.toString(N));
            File out = dir.resolve(name + ".out").toFile();
            outputs.add(out);
            processes.add(new ProcessBuilder(command)
                    .redirectOutput(out)
                    .redirectError(dir.resolve(name + ".err").toFile())
                    .start());
        }
        int conflicts = 0;
        try {
            for (int i = 0; i < 2; i++) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(outputs.get(i).toPath()).startsWith("ready")) {
                    assertTrue(processes.get(i).isAlive() && System.nanoTime() < deadline,
                            () -> "counter process did not start: " + errors());
                    Thread.sleep(5);
                }
            }
            for (Process p : processes) {
                OutputStream in = p.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            for (int i = 0; i < 2; i++) {
                assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS), "counter process did not finish");
                assertEquals(0, processes.get(i).exitValue(), () -> "counter process failed: " + errors());
                String out = Files.readString(outputs.get(i).toPath());
                assertTrue(out.contains("done "), out);
                conflicts += Integer.parseInt(out.substring(out.indexOf("done ") + 5).trim());
            }
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
            }
        }
        return conflicts;
    }

    private String errors() {
        try {
            return Files.readString(dir.resolve("alpha.err")) + Files.readString(dir.resolve("beta.err"));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
