package dev.keepsake.jvm.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM writing to a SQLite file with SIGKILL at random moments (200 times by
 * default; {@code -Dsqlite.crash.kills=N}, {@code -Dcrash.seed=S}) and checks after each kill
 * that every acknowledged write survived intact and no batch was applied in part.
 *
 * <p>A killed process leaves its writes in the OS page cache, so this checks SQLite's and our
 * crash atomicity, not power-loss durability (which {@code synchronous=FULL} covers).
 */
class SqliteCrashTest {

    @Test
    void everyAcknowledgedWriteSurvivesSigkill(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("crash.db");
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int kills = Integer.getInteger("sqlite.crash.kills", 200);
        CrashHarness harness = new CrashHarness(List.of("sqlite", file.toString()),
                () -> SqliteBackend.open(file), () -> { }, seed);
        harness.run(kills, 200);
        System.out.println("SqliteCrashTest: seed " + seed + ", " + kills + " kills, "
                + harness.acknowledged() + " acknowledged writes, in-flight applied " + harness.inFlightApplied());
        assertTrue(harness.acknowledged() > kills, "the children acknowledged too few writes to test anything: "
                + harness.acknowledged());
    }
}
