package dev.keepsake.core.backend;

import dev.keepsake.testing.StorageBackendContract;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The contract suite on {@link MemoryBackend}, on the JVM, JS and wasm-gc. Its quota is the
 * fault: a value larger than it fails inside the backend.
 */
@RunWith(TeaVMTestRunner.class)
public class MemoryBackendContractTest extends StorageBackendContract {

    private static final int QUOTA = 4 << 20;

    @Override
    protected StorageBackend newBackend() {
        return MemoryBackend.withQuota(QUOTA);
    }

    @Override
    protected int injectWriteFault(String key) {
        return QUOTA + 1;
    }
}
