package dev.keepsake.browser.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.browser.remote.SyncDevices.Device;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.sync.Sync;
import dev.keepsake.core.sync.SyncConfig;
import dev.keepsake.core.sync.TokenProvider;
import dev.keepsake.jvm.ThreadScheduler;
import dev.keepsake.jvm.crypto.JvmCrypto;
import dev.keepsake.jvm.remote.RemoteTransports;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM client (core's replicator over {@code RemoteTransports.httpClient}) and a browser
 * client ({@code keepsake-sync.js} or {@code .wasm} in Chromium) on one scope see each other's
 * writes: the bytes travel as written, and both read them with their own manager.
 */
class JvmAndBrowserSyncTest {

    @RegisterExtension
    final SyncDevices devices = new SyncDevices();

    /** The browser key-value layer's stored form of JSON values: the UTF-8 text, format id 128. */
    private static final Serializer<String> JSON_TEXT = new Serializer<>() {
        @Override
        public byte[] serialize(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public int formatId() {
            return 128;
        }
    };

    private static <T> T await(Async<T> async) throws Exception {
        CompletableFuture<T> future = new CompletableFuture<>();
        async.whenComplete((value, failure) -> {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(value);
            }
        });
        return future.get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-sync.html", "server-sync-wasm.html"})
    void aJvmClientAndABrowserClientOnOneScopeConverge(String page) throws Exception {
        String scope = "jvm" + System.nanoTime();
        Device browser = devices.device(page);
        assertEquals("ok", browser.run("window.kv = keepsake.openKeyValue({name: 'notes', backend: 'indexeddb',"
                + " debounceMs: 5, sync: " + browser.syncOptions(scope) + "}); await kv.ready; return 'ok';"));
        try (ThreadScheduler scheduler = ThreadScheduler.create()) {
            SyncConfig config = SyncConfig.builder(scope, token -> RemoteTransports.httpClient(devices.server(), token),
                    TokenProvider.of(devices.token()), JvmCrypto.random()).backoff(50, 300).build();
            Sync sync = await(Sync.open(MemoryBackend.create(), config, scheduler));
            sync.start();
            // A page's key-value layer keeps its keys under its keyPrefix plus "\0kv" (apart from stores').
            PersistenceManager<String> jvm = PersistenceManager.builder(sync.backend(), JSON_TEXT, scheduler)
                    .config(PersistenceConfig.builder().keyPrefix("keepsake\u0000kv").build()).build();
            try {
                await(jvm.save("fromJvm", "{\"by\":\"jvm\"}"));
                browser.run("await kv.set('fromBrowser', {by: 'browser'}); return 'ok';");
                SyncDevices.await("the browser receives the JVM's write", 30, () -> "{\"by\":\"jvm\"}".equals(
                        browser.run("const v = await kv.get('fromJvm'); "
                        + "return v === undefined ? null : JSON.stringify(v);")));
                SyncDevices.await("the JVM receives the browser's write", 30, () -> {
                    try {
                        return Optional.of("{\"by\":\"browser\"}").equals(await(jvm.reload("fromBrowser")));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                assertEquals("applied", await(sync.settled(jvm.config().storageKey("fromJvm"))).outcome().name()
                        .toLowerCase(java.util.Locale.ROOT));
            } finally {
                await(jvm.close());
                await(sync.close());
            }
        }
    }
}
