package dev.keepsake.browser.storage;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.testing.StorageBackendContract;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The backend contract on Chromium's IndexedDB, as JS and as wasm-gc. Operations complete
 * in later event-loop turns, so {@link #await} blocks the test's green thread until then.
 * Write faults come from {@link FaultyIndexedDb}, a proxy over the real {@code indexedDB}.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class IndexedDbBackendContractTest extends StorageBackendContract {

    private static int counter;
    private IDBFactory factory;

    @Override
    protected StorageBackend newBackend() {
        String database = "contract-" + ++counter + "-" + (int) (Math.random() * 1e9);
        factory = FaultyIndexedDb.create();
        IDBFactory faulty = factory;
        return IndexedDbBackend.builder().database(database).factory(() -> faulty).build();
    }

    @Override
    protected int injectWriteFault(String key) {
        int length = 100;
        FaultyIndexedDb.poison(factory, key, length);
        return length;
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
