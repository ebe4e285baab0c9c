package dev.keepsake.jvm.fs;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.testing.StorageBackendContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The shared backend contract on {@link FileSystemBackend}, each test in a fresh real
 * directory, over a {@link FaultyDisk} that injects the write faults.
 */
public class FileSystemBackendContractTest extends StorageBackendContract {

    private Path dir;
    private FaultyDisk disk;

    @Override
    protected StorageBackend newBackend() {
        dir = TempDirs.create("keepsake-contract");
        disk = new FaultyDisk();
        ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "keepsake-fs contract");
            thread.setDaemon(true);
            return thread;
        });
        return FileSystemBackend.open(dir, worker, worker, disk);
    }

    @Override
    protected int injectWriteFault(String key) {
        int length = 100;
        disk.failWritesOf(key, length, new IOException("Input/output error"));
        return length;
    }

    /** Each entry of a batch is atomic, the batch is not (see {@link FileSystemBackend#write}). */
    @Override
    protected boolean batchesAreAllOrNothing() {
        return false;
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
