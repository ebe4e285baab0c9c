package dev.keepsake.browser.storage;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.testing.StorageBackendContract;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The backend contract on the real {@code localStorage} of Chromium, as JS and as wasm-gc.
 * The write fault is the real quota: a value far larger than it fails inside the browser.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class LocalStorageBackendContractTest extends StorageBackendContract {

    private static int counter;

    @Override
    protected StorageBackend newBackend() {
        LocalStorageBackend fresh = LocalStorageBackend.create("contract-" + ++counter);
        Blocking.await(fresh.clear());
        return fresh;
    }

    @Override
    protected int injectWriteFault(String key) {
        return 12 << 20;
    }

    @Override
    protected void dispose(StorageBackend backend) {
        Blocking.await(backend.clear());
    }
}
