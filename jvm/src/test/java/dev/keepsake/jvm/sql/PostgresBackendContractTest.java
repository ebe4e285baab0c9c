package dev.keepsake.jvm.sql;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.testing.StorageBackendContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

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
    protected int injectWriteFault(String key) throws Exception {
        int length = 100;
        try (Connection c = DriverManager.getConnection(SqlTestSupport.PG_URL); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION \"" + table + "_fault\"() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN IF NEW.key = '\\x" + SqlTestSupport.hex(JdbcStore.encode(key)) + "'::bytea"
                    + " AND length(NEW.value) = " + length + " THEN RAISE EXCEPTION 'injected fault'; END IF;"
                    + " RETURN NEW; END $$");
            st.execute("CREATE TRIGGER fault BEFORE INSERT OR UPDATE ON \"" + table + "\" FOR EACH ROW"
                    + " EXECUTE FUNCTION \"" + table + "_fault\"()");
        }
        return length;
    }

    @Override
    protected void dispose(StorageBackend backend) throws Exception {
        ((PostgresBackend) backend).close();
        SqlTestSupport.dropTable(table);
        try (Connection c = DriverManager.getConnection(SqlTestSupport.PG_URL); Statement st = c.createStatement()) {
            st.execute("DROP FUNCTION IF EXISTS \"" + table + "_fault\"()");
        }
    }

    @Override
    protected <T> T await(Async<T> async) {
        return SqlTestSupport.await(async);
    }
}
