package dev.keepsake.browser.crypto;

import dev.keepsake.browser.page.Chromium;
import dev.keepsake.browser.page.TestBuilds;
import dev.keepsake.browser.page.WebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Builds {@link CrossCryptoPage} with {@link TestBuilds} ({@code /test-builds/crosscrypto.js} and
 * {@code .wasm}), serves it beside the test pages {@code crosscrypto*.html} and the main build's
 * wasm-gc runtime (the browser tests' {@link WebServer}), and drives Chromium through
 * {@link Chromium}, which skips or fails the calling test without it.
 */
final class CrossCryptoBuild implements AutoCloseable {

    private final WebServer server;
    private final Path profile;
    private final ChromeDriver driver;

    private CrossCryptoBuild(WebServer server, Path profile, ChromeDriver driver) {
        this.server = server;
        this.profile = profile;
        this.driver = driver;
    }

    /** Skips (or, when required, fails) without Chromium; else compiles if needed and starts server and browser. */
    static CrossCryptoBuild start() throws Exception {
        Chromium.assumeAvailable();
        TestBuilds.build(CrossCryptoPage.class, "crosscrypto");
        WebServer server = WebServer.start();
        Path profile = Files.createTempDirectory("keepsake-crosscrypto");
        ChromeDriver driver = Chromium.start(profile);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(300));
        return new CrossCryptoBuild(server, profile, driver);
    }

    /** Opens {@code page} ("crosscrypto.html" or "crosscrypto-wasm.html") and waits until it is ready. */
    void open(String page) {
        driver.get(server.url("/pages/" + page));
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            Object failure = ((JavascriptExecutor) d).executeScript("return window.crosscryptoFailure || null;");
            if (failure != null) {
                throw new AssertionError("page failed to load: " + failure);
            }
            return Boolean.TRUE.equals(((JavascriptExecutor) d)
                    .executeScript("return window.crosscryptoReady === true;"));
        });
    }

    /** Runs an async function body that may use {@code cc} (the page's exports); returns its result or "error:...". */
    Object run(String body) {
        String script = "const done = arguments[arguments.length - 1];"
                + "const cc = window.crosscrypto;"
                + "(async () => {" + body + "})().then(done, e => done('error:' + String(e && (e.stack || e))));";
        return driver.executeAsyncScript(script);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        server.close();
        Chromium.delete(profile);
    }
}
