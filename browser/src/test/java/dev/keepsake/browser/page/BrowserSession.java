package dev.keepsake.browser.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every page test needs, per test: the test web server, a fresh Chromium profile and a
 * Chromium on it, all torn down afterwards. Register it with
 * {@code @RegisterExtension final BrowserSession browser = new BrowserSession();}. Skips the
 * test (or fails it, when {@code browser.tests.required}) without Chromium.
 */
public final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

    private WebServer server;
    private Path profile;
    private ChromeDriver driver;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Chromium.assumeAvailable();
        server = WebServer.start();
        profile = Files.createTempDirectory("keepsake-profile");
        driver = Chromium.start(profile);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            Chromium.delete(profile);
        }
    }

    /** Returns the browser of the current test. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Returns the absolute URL of {@code path} on the test server. */
    public String url(String path) {
        return server.url(path);
    }

    /** Serves {@code text} at {@code path} (such as {@code "/web/example.js"}) for the rest of the test. */
    public void serve(String path, String text) {
        server.put(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Serves {@code body} (such as a bundle or a {@code .wasm}) at {@code path} for the rest of the test. */
    public void serve(String path, byte[] body) {
        server.put(path, body);
    }

    /** Loads {@code path} from the test server and waits until the page sets {@code window.keepsakeReady}. */
    public void open(String path) {
        Chromium.open(driver, url(path));
    }

    /** Runs {@code body} as an async function in the page; returns its result. */
    public Object run(String body) {
        return Chromium.run(driver, body);
    }

    /**
     * Runs {@code body}, which returns an object of named checks ({@code return {'name': value};}),
     * and asserts each against {@code expected} on its own, with a message that names it, so that
     * a failure says which check broke (all failing checks are reported together). Values compare
     * as text: {@code true}, {@code 16} and {@code "16"} are what the page's value prints as.
     */
    public void assertChecks(Map<String, ?> expected, String body) {
        Chromium.assertChecks(expected, run(body));
    }

    /** Quits Chromium and starts it again on the same profile (same storage, same origin). */
    public void restart() {
        driver.quit();
        if (!Files.isDirectory(profile)) {
            throw new AssertionError("the profile " + profile + " is gone after quitting Chromium");
        }
        driver = Chromium.start(profile);
    }
}
