package dev.keepsake.browser.remote;

import dev.keepsake.browser.page.Chromium;
import dev.keepsake.browser.page.WebServer;
import dev.keepsake.server.ServerProcess;
import dev.keepsake.server.TestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * What a sync page test needs, per test: a real sync server process on a SQLite file (any
 * scope, any CORS origin) with a read-write token, the test web server, and devices made on
 * demand: each a Chromium on a profile of its own (its own storage: another device) that
 * reaches the server through a {@link CuttableProxy} of its own, so each can go offline
 * alone. Register with {@code @RegisterExtension final SyncDevices devices = new SyncDevices();}.
 */
public final class SyncDevices implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private ServerProcess server;
    private String token;
    private WebServer web;
    private final List<Device> devices = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Chromium.assumeAvailable();
        dir = Files.createTempDirectory("keepsake-sync-devices");
        String[] store = {"--data", dir.resolve("sync.db").toString()};
        token = TestSupport.createToken(store, true, "*");
        server = ServerProcess.start(dir.resolve("server.log"), store[0], store[1], "--cors-origin", "*");
        web = WebServer.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Device d : devices) {
            d.close();
        }
        devices.clear();
        if (web != null) {
            web.close();
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            Chromium.delete(dir);
        }
    }

    /** Returns the read-write token. */
    public String token() {
        return token;
    }

    /** Returns the sync server's own address (no proxy). */
    public URI server() {
        return server.uri();
    }

    /** Returns the server's SQLite file and its write-ahead log, as they are on disk now. */
    public byte[] storeBytes() throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (String name : new String[] {"sync.db", "sync.db-wal"}) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                all.write(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }

    /** Returns the scope's version on the server (the number of writes it accepted). */
    public long scopeVersion(String scope) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri().resolve("/v1/scopes/" + scope)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = answer.body();
        int at = body.indexOf("\"version\":");
        if (answer.statusCode() != 200 || at < 0) {
            throw new AssertionError("scope info: " + answer.statusCode() + " " + body);
        }
        int end = at + 10;
        while (end < body.length() && (Character.isDigit(body.charAt(end)) || body.charAt(end) == ' ')) {
            end++;
        }
        return Long.parseLong(body.substring(at + 10, end).trim());
    }

    /** Returns the absolute URL of test page {@code page}. */
    public String pageUrl(String page) {
        return web.url("/pages/" + page);
    }

    /** Starts a new device (a fresh profile and its own proxy) on {@code page}. */
    public Device device(String page) throws Exception {
        Device d = new Device(page);
        devices.add(d);
        return d;
    }

    /** Waits up to {@code seconds} for {@code condition}, naming {@code what} when it never holds. */
    public static void await(String what, int seconds, Supplier<Boolean> condition) {
        new FluentWait<>(condition).withTimeout(Duration.ofSeconds(seconds)).pollingEvery(Duration.ofMillis(100))
                .withMessage(what).until(c -> Boolean.TRUE.equals(c.get()));
    }

    /** One device: a browser profile of its own, behind a proxy of its own. */
    public final class Device implements AutoCloseable {
        private final String page;
        private final Path profile;
        private final CuttableProxy proxy;
        private ChromeDriver driver;
        private boolean closed;

        private Device(String page) throws Exception {
            this.page = page;
            this.profile = Files.createTempDirectory("keepsake-device");
            this.proxy = CuttableProxy.start(server.uri());
            this.driver = Chromium.start(profile);
            Chromium.open(driver, web.url("/pages/" + page));
        }

        /** Returns the proxy this device reaches the server through. */
        public CuttableProxy proxy() {
            return proxy;
        }

        /** Returns {@code sync: {...}} options for the page: this device's proxy, the token, quick retries. */
        public String syncOptions(String scope) {
            return "{url: '" + proxy.uri() + "', scope: '" + scope + "', token: '" + token + "',"
                    + " minBackoffMs: 50, maxBackoffMs: 300}";
        }

        /** Runs {@code body} as an async function in the page ({@link Chromium#run}). */
        public Object run(String body) {
            Object result = Chromium.run(driver, body);
            if (result instanceof String s && s.startsWith("error:")) {
                throw new AssertionError(page + ": " + s);
            }
            return result;
        }

        /**
         * Closes the browser (every tab: like closing the device's browser) and opens the page again on the same
         * profile.
         */
        public void restart() {
            driver.quit();
            driver = Chromium.start(profile);
            Chromium.open(driver, web.url("/pages/" + page));
        }

        /** Returns the browser. */
        public ChromeDriver driver() {
            return driver;
        }

        /** Quits the browser and stops the proxy; idempotent. */
        @Override
        public void close() throws Exception {
            if (closed) {
                return;
            }
            closed = true;
            try {
                driver.quit();
            } finally {
                proxy.close();
                Chromium.delete(profile);
            }
        }
    }
}
