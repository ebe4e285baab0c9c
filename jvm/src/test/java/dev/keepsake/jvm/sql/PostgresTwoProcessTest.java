package dev.keepsake.jvm.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs write batches to one PostgreSQL table at the same time, on keys of their own and on
 * keys both use; afterwards nothing is lost: own keys hold exactly what their writer wrote
 * last, and each shared key holds the last value one of the two writers gave it. Both create
 * the table at once, too. Skipped without a server unless {@code -Dpg.tests.required=true}.
 */
class PostgresTwoProcessTest {

    private static final int BATCHES = 300;

    private String table;

    @BeforeEach
    void requireServer() {
        String problem = SqlTestSupport.pgProblem();
        if (problem != null && SqlTestSupport.pgRequired()) {
            fail(problem);
        }
        assumeTrue(problem == null, problem);
        table = SqlTestSupport.uniqueTable("two");
    }

    @AfterEach
    void dropTable() throws Exception {
        if (table != null) {
            SqlTestSupport.dropTable(table);
        }
    }

    @Test
    void twoProcessesWritingAtOnceLoseNothing(@TempDir Path dir) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<File> outputs = new ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            File out = dir.resolve(name + ".out").toFile();
            outputs.add(out);
            processes.add(new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), ConcurrentWriterChild.class.getName(),
                    SqlTestSupport.PG_URL, table, name, Integer.toString(BATCHES))
                    .redirectOutput(out)
                    .redirectError(dir.resolve(name + ".err").toFile())
                    .start());
        }
        try {
            for (int i = 0; i < 2; i++) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(outputs.get(i).toPath()).startsWith("ready")) {
                    assertTrue(processes.get(i).isAlive() && System.nanoTime() < deadline,
                            () -> "writer did not start: " + errors(dir));
                    Thread.sleep(5);
                }
            }
            for (Process p : processes) {
                OutputStream in = p.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            for (int i = 0; i < 2; i++) {
                assertTrue(processes.get(i).waitFor(90, TimeUnit.SECONDS), "writer did not finish");
                assertEquals(0, processes.get(i).exitValue(), () -> "writer failed: " + errors(dir));
                assertTrue(Files.readString(outputs.get(i).toPath()).contains("done"));
            }
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
            }
        }

        Map<String, String> alpha = ConcurrentWriterChild.finalState("alpha", BATCHES);
        Map<String, String> beta = ConcurrentWriterChild.finalState("beta", BATCHES);
        Map<String, String> stored = new HashMap<>();
        try (PostgresBackend backend = PostgresBackend.builder(SqlTestSupport.PG_URL).table(table).open()) {
            for (String key : SqlTestSupport.await(backend.listKeys())) {
                stored.put(key, new String(SqlTestSupport.await(backend.load(key)), StandardCharsets.UTF_8));
            }
        }
        Set<String> expectedKeys = new TreeSet<>();
        expectedKeys.addAll(alpha.keySet());
        expectedKeys.addAll(beta.keySet());
        assertEquals(expectedKeys, new TreeSet<>(stored.keySet()));
        for (Map.Entry<String, String> e : stored.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("shared/")) {
                assertTrue(e.getValue().equals(alpha.get(key)) || e.getValue().equals(beta.get(key)),
                        key + " holds " + e.getValue() + ", neither writer's last value ("
                                + alpha.get(key) + ", " + beta.get(key) + ")");
            } else {
                Map<String, String> own = key.startsWith("alpha/") ? alpha : beta;
                assertEquals(own.get(key), e.getValue(), key);
            }
        }
    }

    private static String errors(Path dir) {
        try {
            return Files.readString(dir.resolve("alpha.err")) + Files.readString(dir.resolve("beta.err"));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
