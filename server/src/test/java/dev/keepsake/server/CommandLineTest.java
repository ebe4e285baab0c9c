package dev.keepsake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and the configuration it builds: misuse is refused with a message. */
class CommandLineTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tokenCommandsCreateListAndRevokeAndTheTokenIsPrintedOnlyOnce() throws Exception {
        String db = dir.resolve("t.db").toString();
        Run created = run("token", "create", "--scope", "notes", "--write", "--data", db);
        assertEquals(0, created.code());
        String token = created.out().trim();
        assertTrue(token.matches("ks1\\.[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}"), token);
        String id = token.split("\\.")[1];
        Run listed = run("token", "list", "--data", db);
        assertEquals(id + " read-write notes\n", listed.out());
        assertFalse(listed.out().contains(token.split("\\.")[2]), "list never shows a secret");
        assertEquals(0, run("token", "revoke", id, "--data", db).code());
        assertEquals(id + " read-write notes revoked\n", run("token", "list", "--data", db).out());
        assertEquals(1, run("token", "revoke", "nope", "--data", db).code());
    }

    @Test
    void misuseIsRefusedWithExitCode2AndTheUsage() throws Exception {
        String db = dir.resolve("t.db").toString();
        assertEquals(2, run("--nonsense", "1").code());
        assertEquals(2, run("--port").code());
        assertEquals(2, run("--port", "70000").code());
        assertEquals(2, run("--postgres", "postgres://x").code());
        assertEquals(2, run("token", "create", "--data", db).code(), "a token needs a scope");
        assertEquals(2, run("token", "create", "--scope", "a b", "--data", db).code());
        assertTrue(run("--help").out().contains("usage:"));
    }

    @Test
    void theConfigurationBuilderChecksEveryValue() {
        ServerConfig.Builder b = ServerConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> b.port(-1));
        assertThrows(IllegalArgumentException.class, () -> b.corsOrigin("example.com"));
        assertThrows(IllegalArgumentException.class, () -> b.maxBodyBytes(10));
        assertThrows(IllegalArgumentException.class, () -> b.maxOperations(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxValueBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> b.keepTombstones(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxWatch(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.poolSize(0));
        assertThrows(NullPointerException.class, () -> b.host(null));
        String shown = ServerConfig.builder().postgres("jdbc:postgresql://h/db?user=u&password=hunter2").build()
                .toString();
        assertFalse(shown.contains("hunter2"), "the PostgreSQL URL (and its password) is not shown: " + shown);
        assertEquals(ServerConfig.DEFAULT_PORT, ServerConfig.builder().build().port);
        assertEquals("127.0.0.1", ServerConfig.builder().build().host);
    }
}
