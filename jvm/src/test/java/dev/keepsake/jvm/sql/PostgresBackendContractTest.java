package dev.keepsake.jvm.sql;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageBackendContract;

/**
 * The shared backend contract, against a fresh table per test on a real PostgreSQL server
 * ({@code KEEPSAKE_PG_URL} or the local default); skipped without a server unless
 * {@code -Dpg.tests.required=true}.
 */
public class PostgresBackendContractTest extends StorageBackendContract {

    private String table;

    @Override
    protected StorageBackend newBackend() {
        String problem = SqlTestSupport.pgProblem();
        if (problem != null) {
            if (SqlTestSupport.pgRequired()) {
                fail(problem);
            }
            assumeTrue(problem, false);
        }
        table = SqlTestSupport.uniqueTable("contract");
        return PostgresBackend.builder(SqlTestSupport.PG_URL).table(table).open();
    }

    @Override
    protected void dispose(StorageBackend backend) throws Exception {
        ((PostgresBackend) backend).close();
        SqlTestSupport.dropTable(table);
    }

    @Override
    protected <T> T await(Async<T> async) {
        return SqlTestSupport.await(async);
    }
}
