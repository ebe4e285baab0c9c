package dev.keepsake.core.remote;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.testing.StorageBackendContract;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The contract suite on {@link RemoteBackend} over {@link MemorySyncServer}, on the JVM, JS and
 * wasm-gc: the protocol logic and its JSON, compiled by TeaVM. (Against a real server process
 * it runs in the server module.)
 */
@RunWith(TeaVMTestRunner.class)
public class RemoteBackendContractTest extends StorageBackendContract {

    private int next;

    @Override
    protected StorageBackend newBackend() {
        int[] counter = {next++};
        return RemoteBackend.open(new MemorySyncServer(), "scope", bytes -> {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (counter[0] * 31 + i);
            }
        });
    }

    @Override
    protected int injectWriteFault(String key) {
        return MemorySyncServer.MAX_VALUE + 1; // rejected by the server as value_too_large
    }
}
