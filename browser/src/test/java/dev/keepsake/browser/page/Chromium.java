package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one browser-test fixture's launcher: starts Debian's Chromium through its chromedriver,
 * with explicit binary and driver paths so that Selenium Manager never tries to download
 * anything, and holds the rule every browser test follows when what it needs is missing
 * ({@link #skipOrFail}). {@link BrowserSession} adds a profile folder and {@link WebServer} per
 * test; the browser module's test-jar carries these three classes to demo-web's tests.
 *
 * <p>When Chromium is absent the tests are skipped with a message, unless the system property
 * {@code browser.tests.required} is {@code true} (CI): then they fail.
 */
public final class Chromium {

    public static final Path BINARY = Paths.get("/usr/bin/chromium");
    public static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * Skips the calling test with {@code message}, or fails it when the system property
     * {@code browser.tests.required} is true (CI sets it): the rule for every browser test whose
     * tool (Chromium, brotli, npm) is missing.
     */
    public static void skipOrFail(String message) {
        if (Boolean.getBoolean("browser.tests.required")) {
            fail(message + "; browser.tests.required is true");
        }
        Assumptions.assumeTrue(false, message + "; skipped");
    }

    /** Skips the calling test (or fails it, when browser tests are required) without Chromium. */
    public static void assumeAvailable() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            skipOrFail("Chromium tests need " + BINARY + " and " + DRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
    }

    /**
     * Starts a headless Chromium that keeps its profile in {@code profile}, with a script timeout
     * of 30 seconds; {@code extraArguments} (such as {@code --window-size=1280,900}) come last.
     */
    public static ChromeDriver start(Path profile, String... extraArguments) {
        return start(profile, Map.of(), extraArguments);
    }

    /** {@link #start(Path, String...)} with Chromium preferences ({@code prefs}), such as blocked cookies. */
    public static ChromeDriver start(Path profile, Map<String, Object> prefs, String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
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

    /**
     * Asserts each named check a page returned ({@code result}, a JS object of check name to
     * value) against {@code expected}, each on its own with a message that names it, and that
     * the page made no check the test does not expect. Values compare as the text they print as.
     */
    public static void assertChecks(Map<String, ?> expected, Object result) {
        if (!(result instanceof Map<?, ?> actual)) {
            throw new AssertionError("the page returned " + result + " instead of an object of named checks");
        }
        List<Executable> checks = new ArrayList<>();
        for (Map.Entry<String, ?> check : new TreeMap<String, Object>(expected).entrySet()) {
            checks.add(() -> assertEquals(String.valueOf(check.getValue()), String.valueOf(actual.get(check.getKey())),
                    "page check '" + check.getKey() + "'" + (actual.containsKey(check.getKey()) ? "" : " (not made)")));
        }
        TreeSet<String> unexpected = new TreeSet<>();
        actual.keySet().forEach(name -> unexpected.add(String.valueOf(name)));
        unexpected.removeAll(expected.keySet());
        checks.add(() -> assertEquals(new TreeSet<String>(), unexpected,
                "checks the page made that the test does not expect"));
        assertAll(checks);
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
