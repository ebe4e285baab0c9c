package dev.keepsake.jvm.sql;

import static dev.keepsake.jvm.sql.SqlTestSupport.PG_URL;
import static dev.keepsake.jvm.sql.SqlTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.jvm.ThreadScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key PostgreSQL can never index, batched with good writes by a manager under the default
 * {@code logAndContinue}: it fails alone, named by its key, and every other key lands.
 */
class PostgresRefusedKeyTest {

    private String table;

    @AfterEach
    void dropTable() throws Exception {
        if (table != null) {
            SqlTestSupport.dropTable(table);
        }
    }

    @Test
    void aKeyPastTheIndexLimitFailsAloneWithItsKeyAndEveryOtherKeyLands() {
        String problem = SqlTestSupport.pgProblem();
        if (problem != null && SqlTestSupport.pgRequired()) {
            fail(problem);
        }
        assumeTrue(problem == null, problem);
        table = SqlTestSupport.uniqueTable("refused");
        // Random letters, so that the index entry cannot be compressed below the B-tree limit.
        StringBuilder tooLong = new StringBuilder("too-long-");
        Random random = new Random(15);
        for (int i = 0; i < 12_000; i++) {
            tooLong.append((char) ('a' + random.nextInt(26)));
        }
        String refused = tooLong.toString();
        try (PostgresBackend pg = PostgresBackend.builder(PG_URL).table(table).open();
                ThreadScheduler scheduler = ThreadScheduler.create()) {
            PersistenceManager<String> manager = PersistenceManager
                    .builder(pg, Serializers.json(Codecs.strings()), scheduler).build();
            List<Async<Void>> good = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                good.add(manager.save("k" + i, "value " + i));
            }
            Async<Void> refusedSave = manager.save(refused, "value");
            for (int i = 10; i < 20; i++) {
                good.add(manager.save("k" + i, "value " + i));
            }
            Async<Void> flushed = manager.flush();
            await(flushed.recover(failure -> null));
            assertTrue(flushed.isFailed(), "flush() reports the refused write");
            WriteFailedException reported = assertInstanceOf(WriteFailedException.class, flushed.failure());
            assertEquals("keepsake:" + refused, reported.key());
            for (Async<Void> saved : good) {
                assertTrue(saved.isDone() && !saved.isFailed(), "every other key landed: " + saved);
            }
            assertEquals(20, await(pg.listKeys()).size());
            assertFalse(refusedSave.isDone(), "logAndContinue keeps the refused write");
            assertEquals(1, manager.pendingWrites());

            Async<Void> closed = manager.close();
            await(closed.recover(failure -> null));
            assertTrue(closed.isFailed());
            assertTrue(refusedSave.isFailed(), "close() settles it with the error");
            assertInstanceOf(WriteFailedException.class, refusedSave.failure());
        }
    }
}
