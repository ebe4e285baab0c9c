package dev.keepsake.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo as a user meets it, in real Chromium: notes typed into the page and a checkout moved
 * along come back after a reload and after restarting both the browser (same profile) and the
 * server (same port); the wasm-gc build shows the same data; a change made in a second tab
 * arrives in the first. Screenshots go to {@code target/demo-*.png}.
 */
class DemoPageTest {

    private static final Path BINARY = Paths.get("/usr/bin/chromium");
    private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

    private DemoServer server;
    private int port;
    private Path profile;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            String message = "the demo test needs " + BINARY + " and " + DRIVER;
            if (Boolean.getBoolean("browser.tests.required")) {
                fail(message + "; browser.tests.required is true");
            }
            Assumptions.assumeTrue(false, message + "; skipped");
        }
        server = DemoServer.start(0);
        port = server.port();
        profile = Files.createTempDirectory("keepsake-demo-profile");
        driver = browser();
    }

    @AfterEach
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null && Files.exists(profile)) {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void notesAndCheckoutSurviveReloadRestartAndBuildSwitch() throws Exception {
        open("js");
        addNote("buy milk");
        addNote("call the plumber");
        WebElement second = driver.findElements(By.cssSelector("#notes .note-text")).get(1);
        second.sendKeys(" at nine");
        click("ev-add");
        click("ev-add");
        click("ev-next");
        click("ev-next");
        waitFor("state shown", () -> text("machine-state").equals("payment"));
        waitFor("the typing was flushed", () -> Boolean.TRUE.equals(js("return demo.board.flush().then(() => true)")));
        js("return demo.machine.flush().then(() => true)");
        waitFor("a flush was logged", () -> !driver.findElements(By.cssSelector("#flush-log tr")).isEmpty());
        screenshot("demo-js");

        driver.navigate().refresh();
        awaitReady();
        assertEquals(List.of("buy milk", "call the plumber at nine"), notes(), "after reload");
        assertEquals("payment", text("machine-state"));
        assertEquals("2", text("machine-items"));

        driver.quit();
        server.close();
        server = DemoServer.start(port);
        driver = browser();
        open("js");
        assertEquals(List.of("buy milk", "call the plumber at nine"), notes(), "after restarting browser and server");
        assertEquals("payment", text("machine-state"));
        assertTrue(driver.findElement(By.id("state-payment")).getAttribute("class").contains("current"));
        assertEquals("indexeddb", text("backend"));
        assertTrue(Integer.parseInt(text("entries")) >= 2, text("entries"));

        open("wasm");
        assertEquals("running keepsake.wasm", text("build-status"));
        assertEquals(List.of("buy milk", "call the plumber at nine"), notes(), "in the wasm-gc build");
        assertEquals("payment", text("machine-state"));
        click("ev-next");
        waitFor("done", () -> text("machine-state").equals("done"));
        js("return demo.machine.flush().then(() => true)");
        screenshot("demo-wasm");
        open("js");
        assertEquals("done", text("machine-state"), "moved by the wasm build, read by the JS build");
    }

    @Test
    void compressionAndEncryptionShowTheirStoredSizes() throws Exception {
        open("js");
        for (int i = 0; i < 6; i++) {
            addNote("the same words again and again " + i);
        }
        int json = Integer.parseInt(text("json-size"));
        int plain = storedSize("none", false);
        int gzip = storedSize("gzip", false);
        int encrypted = storedSize("gzip", true);
        assertTrue(plain > json, plain + " framed vs " + json + " JSON");
        assertTrue(gzip < plain, gzip + " gzip vs " + plain);
        assertEquals(gzip + 28, encrypted, "AES-GCM adds a 12-byte nonce and a 16-byte tag");
    }

    @Test
    void aNoteAddedInASecondTabArrivesInTheFirst() throws Exception {
        open("js");
        String first = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        open("wasm");
        addNote("typed in the second tab");
        js("return demo.board.flush().then(() => true)");
        driver.switchTo().window(first);
        waitFor("the note arrives", () -> notes().contains("typed in the second tab"));
        screenshot("demo-two-tabs");
    }

    private int storedSize(String compression, boolean encrypted) {
        js("const select = document.getElementById('compression'); select.value = arguments[0];"
                + " const box = document.getElementById('encryption'); box.checked = arguments[1];"
                + " document.getElementById('stored-size').textContent = '…';"
                + " select.dispatchEvent(new Event('change')); return true;", compression, encrypted);
        waitFor("a stored size", () -> text("stored-size").matches("\\d+"));
        return Integer.parseInt(text("stored-size"));
    }

    private ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    private void open(String build) {
        driver.get("http://127.0.0.1:" + port + "/?build=" + build);
        awaitReady();
    }

    private void awaitReady() {
        waitFor("the demo to start", () -> {
            Object failure = js("return window.demoFailure || null;");
            if (failure != null) {
                throw new AssertionError("demo failed: " + failure);
            }
            return Boolean.TRUE.equals(js("return window.demoReady === true;"));
        });
    }

    private void addNote(String text) {
        int before = notes().size();
        WebElement input = driver.findElement(By.id("new-note"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        waitFor("the note to appear", () -> notes().size() == before + 1);
    }

    private List<String> notes() {
        return driver.findElements(By.cssSelector("#notes .note-text")).stream()
                .map(e -> e.getAttribute("value")).collect(Collectors.toList());
    }

    private void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private Object js(String script, Object... args) {
        if (script.contains(".then(")) {
            return driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + " Promise.resolve((() => { " + script + " })()).then(done, e => done(String(e)));", args);
        }
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void waitFor(String what, java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what).until(d -> condition.get());
    }

    private void screenshot(String name) throws IOException {
        Path file = Paths.get("target", name + ".png");
        Files.createDirectories(file.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }
}
