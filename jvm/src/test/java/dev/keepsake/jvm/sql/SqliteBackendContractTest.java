package dev.keepsake.jvm.sql;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.testing.StorageBackendContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The shared backend contract, against a fresh SQLite file per test; write faults are
 * triggers, created through a second connection, that abort the backend's own statements.
 */
public class SqliteBackendContractTest extends StorageBackendContract {

    private Path dir;

    @Override
    protected StorageBackend newBackend() throws Exception {
        dir = Files.createTempDirectory("keepsake-sqlite-contract");
        return SqliteBackend.open(dir.resolve("store.db"));
    }

    @Override
    protected int injectWriteFault(String key) throws Exception {
        int length = 100;
        String when = " ON " + SqliteBackend.TABLE + " WHEN NEW.key = X'" + SqlTestSupport.hex(JdbcStore.encode(key))
                + "' AND length(NEW.value) = " + length + " BEGIN SELECT RAISE(ABORT, 'injected fault'); END";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
                Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER IF NOT EXISTS fault_insert BEFORE INSERT" + when);
            st.execute("CREATE TRIGGER IF NOT EXISTS fault_update BEFORE UPDATE" + when);
        }
        return length;
    }

    @Override
    protected void dispose(StorageBackend backend) throws Exception {
        ((SqliteBackend) backend).close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    protected <T> T await(Async<T> async) {
        return SqlTestSupport.await(async);
    }
}
