package dev.keepsake.browser.remote;

import dev.keepsake.browser.crypto.BrowserCrypto;
import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.remote.RemoteBackend;
import dev.keepsake.core.remote.Transport;
import dev.keepsake.testing.StorageBackendContract;
import java.nio.charset.StandardCharsets;
import org.junit.runner.RunWith;
import org.teavm.jso.JSBody;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The shared backend contract for {@link RemoteBackend} over {@code fetch}, in Chromium as JS
 * and as wasm-gc, against a real sync server process on 127.0.0.1 storing in SQLite, which
 * {@link SyncServerListener} starts on the JVM around this class. The page reads the server's
 * address and a read-write token from {@value SyncServerListener#ADDRESS_FILE} on its own
 * origin (through the transport under test) and opens a fresh scope per test.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class RemoteBackendFetchContractTest extends StorageBackendContract {

    private static String address;
    private static String token;
    private static int counter;

    @Override
    protected StorageBackend newBackend() {
        if (address == null) {
            readAddressFile();
        }
        String scope = "fetch-" + ++counter + "-" + (int) (Math.random() * 1e9);
        return RemoteBackend.open(RemoteTransports.fetch(address, token), scope, BrowserCrypto.random());
    }

    private static void readAddressFile() {
        Transport page = new FetchTransport(new WindowFetch(), pageOrigin(), "none", RemoteTransports.TIMEOUT_MILLIS);
        Transport.Response file = Blocking.await(page.send(
                new Transport.Request("GET", "/tests/" + SyncServerListener.ADDRESS_FILE, null)));
        if (file.status() != 200) {
            throw new AssertionError("no " + SyncServerListener.ADDRESS_FILE + " (status " + file.status()
                    + "): SyncServerListener did not start the server; its reason is in the test output");
        }
        String text = new String(file.body(), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        address = text.substring(0, newline);
        token = text.substring(newline + 1).trim();
    }

    @Override
    protected int injectWriteFault(String key) {
        return SyncServerListener.MAX_VALUE + 1; // the server rejects it as value_too_large
    }

    @Override
    protected <T> T await(Async<T> async) {
        return Blocking.await(async);
    }

    @JSBody(script = "return location.origin;")
    private static native String pageOrigin();
}
