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

/**
 * The shared backend contract for {@link RemoteBackend} over the JDK's HTTP client, against a
 * real server process on 127.0.0.1 storing in PostgreSQL (a fresh schema); skipped without a
 * PostgreSQL server unless {@code -Dpg.tests.required=true}.
 */
public class RemoteBackendPostgresContractTest extends StorageBackendContract {

    /** The server's value limit: above the contract's 1 MiB values. */
    private static final int MAX_VALUE = 2_000_000;

    private static ServerProcess server;
    private static String token;
    private static String url;

    private static synchronized void startServer() throws Exception {
        if (server == null) {
            url = TestSupport.freshSchema();
            Path dir = Files.createTempDirectory("keepsake-server-pg-contract");
            String[] store = {"--postgres", url};
            token = TestSupport.createToken(store, true, "*");
            server = ServerProcess.start(dir.resolve("server.log"), store[0], store[1], "--max-value",
                    Integer.toString(MAX_VALUE));
        }
    }

    @AfterClass
    public static void stopServer() throws Exception {
        if (server != null) {
            server.close();
            TestSupport.dropSchema(url);
            server = null;
        }
    }

    @Override
    protected StorageBackend newBackend() throws Exception {
        TestSupport.requirePostgres();
        startServer();
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
