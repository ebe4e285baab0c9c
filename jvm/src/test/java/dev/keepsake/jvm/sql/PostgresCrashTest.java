package dev.keepsake.jvm.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a child JVM writing to a PostgreSQL table with SIGKILL at random moments (50 times by
 * default; {@code -Dpg.crash.kills=N}, {@code -Dcrash.seed=S}) and checks after each kill that
 * every acknowledged write is in the table intact and no batch was applied in part. Skipped
 * without a server unless {@code -Dpg.tests.required=true}.
 */
class PostgresCrashTest {

    private String table;

    @BeforeEach
    void requireServer() {
        String problem = SqlTestSupport.pgProblem();
        if (problem != null && SqlTestSupport.pgRequired()) {
            fail(problem);
        }
        assumeTrue(problem == null, problem);
        table = SqlTestSupport.uniqueTable("crash");
    }

    @AfterEach
    void dropTable() throws Exception {
        if (table != null) {
            SqlTestSupport.dropTable(table);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int kills = Integer.getInteger("pg.crash.kills", 50);
        String url = SqlTestSupport.PG_URL;
        CrashHarness harness = new CrashHarness(List.of("postgres", url, table),
                () -> PostgresBackend.builder(url).table(table).open(),
                () -> SqlTestSupport.awaitSessionsGone(PostgresBackend.applicationName(table)), seed);
        harness.run(kills, 200);
        System.out.println("PostgresCrashTest: seed " + seed + ", " + kills + " kills, "
                + harness.acknowledged() + " acknowledged writes, in-flight applied " + harness.inFlightApplied());
        assertTrue(harness.acknowledged() > kills, "the children acknowledged too few writes to test anything: "
                + harness.acknowledged());
    }
}
