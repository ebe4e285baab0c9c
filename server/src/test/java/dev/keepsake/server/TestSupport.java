package dev.keepsake.server;

import dev.keepsake.core.async.Async;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server tests share: a blocking wait, where PostgreSQL is and the one
 * skip-or-fail rule (skip without a server unless {@code -Dpg.tests.required=true}), fresh
 * schemas, and issuing tokens through the command line (public for the browser module's tests).
 */
public final class TestSupport {

    static final String PG_URL = System.getenv("KEEPSAKE_PG_URL") != null && !System.getenv("KEEPSAKE_PG_URL").isBlank()
            ? System.getenv("KEEPSAKE_PG_URL")
            : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static volatile String pgProblem;
    private static volatile boolean pgChecked;

    private TestSupport() {
    }

    /** Waits up to a minute for {@code async}; returns its value or rethrows its failure. */
    static <T> T await(Async<T> async) {
        CountDownLatch latch = new CountDownLatch(1);
        async.whenComplete((v, e) -> latch.countDown());
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("operation did not settle within 60 s: " + async);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return async.peek();
    }

    /** Returns a name no other test in any run uses, for scopes and schemas. */
    static String unique(String purpose) {
        return purpose + "_" + ProcessHandle.current().pid() + "_" + Long.toHexString(System.nanoTime() & 0xffffff)
                + "_" + NAMES.incrementAndGet();
    }

    /** Skips (or, when PostgreSQL tests are required, fails) without a PostgreSQL server. */
    static void requirePostgres() {
        String problem = pgProblem();
        if (problem != null) {
            if (Boolean.getBoolean("pg.tests.required")) {
                throw new AssertionError(problem);
            }
            org.junit.Assume.assumeTrue(problem, false);
        }
    }

    private static synchronized String pgProblem() {
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

    /** Creates a fresh schema and returns a JDBC URL whose tables live in it. */
    static String freshSchema() throws SQLException {
        String schema = unique("ks_srv");
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops the schema of a URL made by {@link #freshSchema}. */
    static void dropSchema(String url) throws SQLException {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Runs {@code token create} with the store options and returns the printed token. */
    public static String createToken(String[] storeArgs, boolean write, String... scopes) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("token", "create"));
        for (String s : scopes) {
            args.add("--scope");
            args.add(s);
        }
        if (write) {
            args.add("--write");
        }
        args.addAll(java.util.List.of(storeArgs));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new AssertionError("token create failed: " + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8).trim();
    }
}
