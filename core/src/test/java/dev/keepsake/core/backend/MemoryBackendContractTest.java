package dev.keepsake.core.backend;

import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The contract suite on {@link MemoryBackend}, on the JVM, JS and wasm-gc. */
@RunWith(TeaVMTestRunner.class)
public class MemoryBackendContractTest extends StorageBackendContract {

    @Override
    protected StorageBackend newBackend() {
        return MemoryBackend.create();
    }
}
