package dev.keepsake.jvm.sql;

import static dev.keepsake.jvm.sql.SqlTestSupport.PG_URL;
import static dev.keepsake.jvm.sql.SqlTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.PersistenceException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL backend's connection on the server's terms: a session the server closed while
 * idle, and what the driver puts into its messages. Skips without a server unless
 * {@code -Dpg.tests.required=true}.
 */
class PostgresConnectionTest {

    private final List<String> tables = new ArrayList<>();

    private String table(String purpose) {
        String problem = SqlTestSupport.pgProblem();
        if (problem != null && SqlTestSupport.pgRequired()) {
            fail(problem);
        }
        assumeTrue(problem == null, problem);
        String name = SqlTestSupport.uniqueTable(purpose);
        tables.add(name);
        return name;
    }

    @AfterEach
    void dropTables() throws Exception {
        for (String t : tables) {
            SqlTestSupport.dropTable(t);
        }
    }

    /** Terminates the backend's server session, as an idle timeout or an administrator would. */
    private static void terminateSessionsOf(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL);
                PreparedStatement kill = c.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            kill.setString(1, PostgresBackend.applicationName(table));
            try (ResultSet rs = kill.executeQuery()) {
                assertTrue(rs.next(), "the backend had no session to terminate");
            }
        }
        SqlTestSupport.awaitSessionsGone(PostgresBackend.applicationName(table));
    }

    private static void assertTrue(boolean condition, String message) {
        org.junit.jupiter.api.Assertions.assertTrue(condition, message);
    }

    @Test
    void theFirstReadAfterTheServerClosedAnIdleConnectionReconnects() throws Exception {
        String t = table("idle_read");
        try (PostgresBackend backend = PostgresBackend.builder(PG_URL).table(t).open()) {
            await(backend.save("k", new byte[] {1}));
            terminateSessionsOf(t);
            Thread.sleep(1_100);
            assertArrayEquals(new byte[] {1}, await(backend.load("k")));
        }
    }

    @Test
    void theFirstWriteAfterTheServerClosedAnIdleConnectionReconnects() throws Exception {
        String t = table("idle_write");
        try (PostgresBackend backend = PostgresBackend.builder(PG_URL).table(t).open()) {
            await(backend.save("k", new byte[] {1}));
            terminateSessionsOf(t);
            Thread.sleep(1_100);
            await(backend.write(WriteBatch.builder().put("k", new byte[] {2}).put("j", new byte[] {3}).build()));
            assertArrayEquals(new byte[] {2}, await(backend.load("k")));
            assertArrayEquals(new byte[] {3}, await(backend.load("j")));
        }
    }

    @Test
    void aFailedBatchNeverShowsItsValuesEvenWhenTheUrlAsksForServerDetail() throws Exception {
        String t = table("detail");
        byte[] secret = "SECRET-VALUE-in-a-row".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String secretHex = SqlTestSupport.hex(secret).substring(0, 24);
        try (PostgresBackend backend = PostgresBackend.builder(PG_URL + "&logServerErrorDetail=true").table(t).open()) {
            // A key past the btree's limit fails the batch on the server, with the value beside it.
            // Random characters, so that compression cannot bring the key under the limit.
            java.util.Random random = new java.util.Random(15);
            StringBuilder longKey = new StringBuilder();
            for (int i = 0; i < 3000; i++) {
                longKey.append((char) (0x100 + random.nextInt(0x700)));
            }
            PersistenceException e = assertThrows(PersistenceException.class, () -> await(backend.write(
                    WriteBatch.builder().put("a", secret).put(longKey.toString(), secret).build())));
            for (Throwable c = e; c != null; c = c.getCause()) {
                String shown = c + " " + c.getMessage();
                assertFalse(shown.contains(secretHex) || shown.contains("SECRET-VALUE"),
                        () -> "the value shows in " + shown.substring(0, Math.min(400, shown.length())));
            }
            assertFalse(await(backend.exists("a")));
            assertEquals(List.of(), await(backend.listKeys()));
        }
    }
}
