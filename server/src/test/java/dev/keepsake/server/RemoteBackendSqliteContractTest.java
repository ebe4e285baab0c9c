package dev.keepsake.server;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.remote.RemoteBackend;
import dev.keepsake.jvm.crypto.JvmCrypto;
import dev.keepsake.jvm.remote.RemoteTransports;
import dev.keepsake.testing.StorageBackendContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.AfterClass;
import org.junit.BeforeClass;

/**
 * The shared backend contract for {@link RemoteBackend} over the JDK's HTTP client, against a
 * real server process on 127.0.0.1 storing in SQLite; every test gets a fresh scope.
 */
public class RemoteBackendSqliteContractTest extends StorageBackendContract {

    /** The server's value limit: above the contract's 1 MiB values. */
    private static final int MAX_VALUE = 2_000_000;

    private static ServerProcess server;
    private static String token;

    @BeforeClass
    public static void startServer() throws Exception {
        Path dir = Files.createTempDirectory("keepsake-server-contract");
        String[] store = {"--data", dir.resolve("sync.db").toString()};
        token = TestSupport.createToken(store, true, "*");
        server = ServerProcess.start(dir.resolve("server.log"), store[0], store[1], "--max-value",
                Integer.toString(MAX_VALUE));
    }

    @AfterClass
    public static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected StorageBackend newBackend() {
        return RemoteBackend.open(RemoteTransports.httpClient(server.uri(), token), TestSupport.unique("c"),
                JvmCrypto.random());
    }

    @Override
    protected int injectWriteFault(String key) {
        return MAX_VALUE + 1; // the server rejects it as value_too_large
    }

    @Override
    protected <T> T await(Async<T> async) {
        return TestSupport.await(async);
    }
}
