package dev.keepsake.jvm.fs;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageBackendContract;
import java.nio.file.Path;

/** The shared backend contract on {@link FileSystemBackend}, each test in a fresh real directory. */
public class FileSystemBackendContractTest extends StorageBackendContract {

    private Path dir;

    @Override
    protected StorageBackend newBackend() {
        dir = TempDirs.create("keepsake-contract");
        return FileSystemBackend.open(dir);
    }

    @Override
    protected void dispose(StorageBackend backend) {
        ((FileSystemBackend) backend).close();
        TempDirs.deleteRecursively(dir);
    }

    @Override
    protected <T> T await(Async<T> async) {
        return Await.await(async);
    }
}
