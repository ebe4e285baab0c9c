package dev.keepsake.jvm.sql;

import dev.keepsake.core.async.Async;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the SQL backend tests share: a blocking wait with a timeout, and where the PostgreSQL
 * server is. PostgreSQL tests skip when no server answers, unless the system property
 * {@code pg.tests.required} is {@code true}; then they fail.
 */
final class SqlTestSupport {

    /** The server tests use: {@code KEEPSAKE_PG_URL}, else the local one. */
    static final String PG_URL = System.getenv("KEEPSAKE_PG_URL") != null && !System.getenv("KEEPSAKE_PG_URL").isBlank()
            ? System.getenv("KEEPSAKE_PG_URL")
            : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static volatile String pgProblem;
    private static volatile boolean pgChecked;

    private SqlTestSupport() {
    }

    /** Waits up to a minute for {@code async} and returns its value or rethrows its failure. */
    static <T> T await(Async<T> async) {
        CountDownLatch latch = new CountDownLatch(1);
        async.whenComplete((v, e) -> latch.countDown());
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("operation did not settle within 60 s: " + async);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
        return async.peek();
    }

    /** Returns whether PostgreSQL tests must fail instead of skipping. */
    static boolean pgRequired() {
        return Boolean.getBoolean("pg.tests.required");
    }

    /** Returns why the server cannot be used, or null when it answers; checked once. */
    static synchronized String pgProblem() {
        if (!pgChecked) {
            pgChecked = true;
            try (Connection c = DriverManager.getConnection(PG_URL + (PG_URL.contains("?") ? "&" : "?")
                    + "connectTimeout=3")) {
                c.isValid(3);
            } catch (SQLException e) {
                pgProblem = "no PostgreSQL server at " + PG_URL + ": " + e.getMessage()
                        + " (set KEEPSAKE_PG_URL; -Dpg.tests.required=true makes this a failure)";
            }
        }
        return pgProblem;
    }

    /** Returns a table name no other test run uses. */
    static String uniqueTable(String purpose) {
        return "ks_" + purpose + "_" + ProcessHandle.current().pid() + "_"
                + Long.toHexString(System.nanoTime() & 0xffffff)
                + "_" + TABLES.incrementAndGet();
    }

    /**
     * Waits until the server has no session named {@code applicationName} left: a killed
     * client's server process may still be finishing (even committing) its transaction.
     */
    static void awaitSessionsGone(String applicationName) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = DriverManager.getConnection(PG_URL);
                PreparedStatement st = c.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            st.setString(1, applicationName);
            while (true) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("sessions of " + applicationName + " still open after 30 s");
                }
                Thread.sleep(5);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Returns {@code bytes} as lowercase hex. */
    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    /** Drops {@code table} if it exists. */
    static void dropTable(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS \"" + table + "\"");
        }
    }
}
