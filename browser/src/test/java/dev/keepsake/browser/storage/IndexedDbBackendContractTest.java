package dev.keepsake.browser.storage;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageBackendContract;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The backend contract on Chromium's IndexedDB, as JS and as wasm-gc. Operations complete
 * in later event-loop turns, so {@link #await} blocks the test's green thread until then.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class IndexedDbBackendContractTest extends StorageBackendContract {

    private static int counter;

    @Override
    protected StorageBackend newBackend() {
        String database = "contract-" + ++counter + "-" + (int) (Math.random() * 1e9);
        return IndexedDbBackend.builder().database(database).build();
    }

    @Override
    protected void dispose(StorageBackend backend) {
        IndexedDbBackend indexed = (IndexedDbBackend) backend;
        indexed.close();
        Blocking.await(IndexedDbTesting.deleteDatabase(indexed.database()));
    }

    @Override
    protected <T> T await(Async<T> async) {
        return Blocking.await(async);
    }
}
