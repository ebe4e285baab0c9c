package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Starts Debian's Chromium through its chromedriver for page-level tests, with explicit
 * binary and driver paths so that Selenium Manager never tries to download anything.
 *
 * <p>When Chromium is absent the tests are skipped with a message, unless the system property
 * {@code browser.tests.required} is {@code true} (CI): then they fail.
 */
public final class Chromium {

    public static final Path BINARY = Paths.get("/usr/bin/chromium");
    public static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Skips the calling test (or fails it, when browser tests are required) without Chromium. */
    public static void assumeAvailable() {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (present) {
            return;
        }
        String message = "Chromium tests need " + BINARY + " and " + DRIVER
                + " (apt-get install chromium chromium-driver)";
        if (Boolean.getBoolean("browser.tests.required")) {
            fail(message + "; browser.tests.required is true");
        }
        Assumptions.assumeTrue(false, message + "; skipped");
    }

    /** Starts a headless Chromium that keeps its profile in {@code profile}. */
    public static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Opens {@code url} and waits until its page has set {@code window.keepsakeReady}. */
    public static void open(ChromeDriver driver, String url) {
        driver.get(url);
        awaitReady(driver);
    }

    /** Waits until the current page (however it was opened) has set {@code window.keepsakeReady}. */
    public static void awaitReady(ChromeDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            Object failure = ((JavascriptExecutor) d).executeScript("return window.keepsakeFailure || null;");
            if (failure != null) {
                throw new AssertionError("page failed to load Keepsake: " + failure);
            }
            return Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.keepsakeReady === true;"));
        });
    }

    /**
     * Runs {@code body} (the text of an async function body that may use {@code keepsake}, the
     * page's exports) and returns what it returns, or {@code "error:" + code + ":" + message}
     * when it throws.
     */
    public static Object run(ChromeDriver driver, String body) {
        String script = "const done = arguments[arguments.length - 1];"
                + "const keepsake = window.keepsake;"
                + "(async () => {" + body + "})().then(done,"
                + " e => done('error:' + (e && e.code) + ':' + (e && e.message)));";
        return driver.executeAsyncScript(script);
    }

    /** Deletes a profile directory. */
    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
