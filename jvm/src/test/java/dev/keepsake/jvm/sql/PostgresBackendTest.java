package dev.keepsake.jvm.sql;

import static dev.keepsake.jvm.sql.SqlTestSupport.PG_URL;
import static dev.keepsake.jvm.sql.SqlTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL backend promises beyond the shared contract: naming, format, ownership,
 * failure mapping and recovery from a lost connection. Tests that need the server skip
 * without one unless {@code -Dpg.tests.required=true}.
 */
class PostgresBackendTest {

    private final List<String> tables = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();

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
    void dropTablesAndRoles() throws Exception {
        for (String t : tables) {
            SqlTestSupport.dropTable(t);
        }
        for (String r : roles) {
            admin("DROP ROLE IF EXISTS \"" + r + "\"");
        }
    }

    private static void admin(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void tableNamesAreValidatedIdentifiers() {
        PostgresBackend.Builder b = PostgresBackend.builder(PG_URL);
        for (String bad : List.of("", "1abc", "a-b", "tab le", "x\"; DROP TABLE y; --", "\u00e9t\u00e9",
                "a".repeat(64), "s.t")) {
            assertThrows(IllegalArgumentException.class, () -> b.table(bad), bad);
        }
        assertThrows(NullPointerException.class, () -> b.table(null));
        b.table("_x");
        b.table("A_b9");
        b.table("a".repeat(63));
    }

    @Test
    void theBuilderRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PostgresBackend.builder("jdbc:sqlite:x.db"));
        assertThrows(NullPointerException.class, () -> PostgresBackend.builder(null));
        PostgresBackend.Builder b = PostgresBackend.builder(PG_URL);
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> b.socketTimeout(Duration.ofMillis(10)));
        assertThrows(NullPointerException.class, () -> b.credentials(null, "x"));
        assertThrows(NullPointerException.class, () -> b.executor(null));
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> PostgresBackend.builder("jdbc:postgresql://127.0.0.1:1/test?user=postgres")
                        .connectTimeout(Duration.ofSeconds(2)).open());
        assertTrue(e.getMessage().contains("08"), e.getMessage());
    }

    @Test
    void sqlStatesMapToTypedFailures() {
        assertEquals(SqlFailures.Failure.FULL, PostgresBackend.classifyState("53100"));
        assertEquals(SqlFailures.Failure.UNAVAILABLE, PostgresBackend.classifyState("53300"));
        assertEquals(SqlFailures.Failure.DENIED, PostgresBackend.classifyState("42501"));
        assertEquals(SqlFailures.Failure.DENIED, PostgresBackend.classifyState("28P01"));
        assertEquals(SqlFailures.Failure.UNAVAILABLE, PostgresBackend.classifyState("08006"));
        assertEquals(SqlFailures.Failure.UNAVAILABLE, PostgresBackend.classifyState("08001"));
        assertEquals(SqlFailures.Failure.UNAVAILABLE, PostgresBackend.classifyState("57P01"));
        assertEquals(SqlFailures.Failure.UNAVAILABLE, PostgresBackend.classifyState("3D000"));
        assertEquals(SqlFailures.Failure.CORRUPT, PostgresBackend.classifyState("XX001"));
        assertEquals(SqlFailures.Failure.CORRUPT, PostgresBackend.classifyState("XX002"));
        assertEquals(SqlFailures.Failure.RETRY, PostgresBackend.classifyState("40P01"));
        assertEquals(SqlFailures.Failure.RETRY, PostgresBackend.classifyState("40001"));
        assertEquals(SqlFailures.Failure.BUSY, PostgresBackend.classifyState("55P03"));
        assertEquals(SqlFailures.Failure.OTHER, PostgresBackend.classifyState("23505"));
        assertEquals(SqlFailures.Failure.OTHER, PostgresBackend.classifyState(null));
    }

    @Test
    void storedFormatIsABytaTableOfUtf8KeysWithAMarker() throws Exception {
        String t = table("format");
        try (PostgresBackend backend = PostgresBackend.builder(PG_URL).table(t).open()) {
            await(backend.save("k\u0000\u00e9", new byte[] {1, 2, 3}));
        }
        assertEquals(PostgresBackend.MARKER, query("SELECT obj_description('\"" + t + "\"'::regclass, 'pg_class')"));
        assertEquals("key bytea,value bytea,version bigint",
                query("SELECT string_agg(column_name || ' ' || data_type, ',' ORDER BY"
                + " ordinal_position) FROM information_schema.columns WHERE table_name = '" + t + "'"));
        assertEquals(HexFormat.of().formatHex("k\u0000\u00e9".getBytes(StandardCharsets.UTF_8)),
                query("SELECT encode(key, 'hex') FROM \"" + t + "\""));
        assertEquals("010203", query("SELECT encode(value, 'hex') FROM \"" + t + "\""));
    }

    @Test
    void aTableMarkedV1GainsVersionsAndKeepsItsEntriesAsUnversioned() throws Exception {
        String t = table("v1");
        admin("CREATE TABLE \"" + t + "\" (key BYTEA PRIMARY KEY, value BYTEA NOT NULL)");
        admin("COMMENT ON TABLE \"" + t + "\" IS '" + PostgresBackend.MARKER_1 + "'");
        admin("INSERT INTO \"" + t + "\" VALUES ('\\x6b', '\\x0102')");
        try (PostgresBackend backend = PostgresBackend.builder(PG_URL).table(t).open()) {
            Versioned old = await(backend.loadVersioned("k"));
            assertArrayEquals(new byte[] {1, 2}, old.value());
            assertEquals(Versioned.UNVERSIONED, old.version());
            await(backend.write(WriteBatch.builder().putIf("k", new byte[] {3}, Versioned.UNVERSIONED).build()));
            assertArrayEquals(new byte[] {3}, await(backend.load("k")));
        }
        assertEquals(PostgresBackend.MARKER, query("SELECT obj_description('\"" + t + "\"'::regclass, 'pg_class')"));
    }

    @Test
    void mixedCaseTableNamesAreQuotedExactly() throws Exception {
        String t = "Ks_" + table("mixed");
        tables.add(t);
        try (PostgresBackend backend = PostgresBackend.builder(PG_URL).table(t).open()) {
            await(backend.save("k", new byte[] {1}));
        }
        assertEquals(t, query("SELECT relname FROM pg_class WHERE relname = '" + t + "'"));
        assertNull(query("SELECT relname FROM pg_class WHERE relname = '" + t.toLowerCase() + "'"));
    }

    @Test
    void aTableWithoutOurMarkerIsRefusedAndLeftAlone() throws Exception {
        String t = table("foreign");
        admin("CREATE TABLE \"" + t + "\" (key bytea PRIMARY KEY, value bytea NOT NULL)",
                "INSERT INTO \"" + t + "\" VALUES ('\\x01', '\\x02')");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> PostgresBackend.builder(PG_URL).table(t).open());
        assertTrue(e.getMessage().contains("not a Keepsake table"), e.getMessage());
        assertEquals("1", query("SELECT count(*) FROM \"" + t + "\""));
    }

    @Test
    void tablesAreSeparateNamespaces() {
        String a = table("ns_a");
        String b = table("ns_b");
        try (PostgresBackend first = PostgresBackend.builder(PG_URL).table(a).open();
                PostgresBackend second = PostgresBackend.builder(PG_URL).table(b).open()) {
            await(first.save("k", new byte[] {1}));
            await(second.save("k", new byte[] {2}));
            await(first.clear());
            assertFalse(await(first.exists("k")));
            assertArrayEquals(new byte[] {2}, await(second.load("k")));
        }
    }

    @Test
    void aMissingDatabaseIsUnavailable() {
        table("nodb");
        String url = PG_URL.replaceFirst("(//[^/]+/)[^?]*", "$1keepsake_no_such_database");
        assertThrows(BackendUnavailableException.class, () -> PostgresBackend.builder(url).open());
    }

    @Test
    void aRoleWithoutPrivilegesGetsAccessDenied() throws Exception {
        String t = table("denied");
        String role = "ks_noaccess_" + ProcessHandle.current().pid();
        roles.add(role);
        try (PostgresBackend owner = PostgresBackend.builder(PG_URL).table(t).open()) {
            await(owner.save("k", new byte[] {1}));
        }
        admin("DROP ROLE IF EXISTS \"" + role + "\"", "CREATE ROLE \"" + role + "\" LOGIN PASSWORD 'pw-" + role + "'");
        String url = PG_URL.replaceAll("([?&])(user|password)=[^&]*&?", "$1").replaceAll("[?&]$", "");
        try (PostgresBackend stranger = PostgresBackend.builder(url).table(t).credentials(role, "pw-" + role).open()) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> await(stranger.load("k")));
            assertTrue(e.getMessage().contains("42501"), e.getMessage());
            assertThrows(AccessDeniedException.class, () -> await(stranger.save("k", new byte[] {2})));
        }
        assertEquals("01", query("SELECT encode(value, 'hex') FROM \"" + t + "\""));
    }

    @Test
    void aConnectionLostInTheMiddleOfABatchAppliesNothingAndTheNextBatchReconnects() throws Exception {
        String t = table("loss");
        try (PostgresBackend backend = PostgresBackend.builder(PG_URL).table(t).open();
                Connection blocker = DriverManager.getConnection(PG_URL)) {
            await(backend.write(WriteBatch.builder()
                    .put("a", new byte[] {1}).put("m", new byte[] {1}).put("z", new byte[] {1}).build()));
            // Lock row "m" so the batch stops after it has already upserted "a" (keys go in order).
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.executeQuery("SELECT * FROM \"" + t + "\" WHERE key = '\\x6d'::bytea FOR UPDATE").close();
            }
            Async<Void> batch = backend.write(WriteBatch.builder()
                    .put("a", new byte[] {2}).put("m", new byte[] {2}).put("new", new byte[] {2})
                    .delete("z").build());
            int pid = waitForLockWaiter(PostgresBackend.applicationName(t));
            try (PreparedStatement kill = blocker.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, pid);
                kill.executeQuery().close();
            }
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> await(batch));
            assertTrue(e.getMessage().contains("57P01") || e.getMessage().contains("08"), e.getMessage());
            blocker.rollback();

            assertArrayEquals(new byte[] {1}, await(backend.load("a")));
            assertArrayEquals(new byte[] {1}, await(backend.load("m")));
            assertArrayEquals(new byte[] {1}, await(backend.load("z")));
            assertFalse(await(backend.exists("new")));
            await(backend.write(WriteBatch.builder().put("new", new byte[] {3}).delete("z").build()));
            assertEquals(List.of("a", "m", "new"), await(backend.listKeys()).stream().sorted().toList());
        }
    }

    private static int waitForLockWaiter(String applicationName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = DriverManager.getConnection(PG_URL);
                PreparedStatement st = c.prepareStatement("SELECT pid FROM pg_stat_activity"
                        + " WHERE application_name = ? AND wait_event_type = 'Lock'")) {
            st.setString(1, applicationName);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the batch never waited for the row lock");
    }
}
