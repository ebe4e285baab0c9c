package dev.keepsake.jvm.sql;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageBackendContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The shared backend contract, against a fresh SQLite file per test. */
public class SqliteBackendContractTest extends StorageBackendContract {

    private Path dir;

    @Override
    protected StorageBackend newBackend() throws Exception {
        dir = Files.createTempDirectory("keepsake-sqlite-contract");
        return SqliteBackend.open(dir.resolve("store.db"));
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
