package dev.keepsake.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo as a user meets it, in real Chromium: notes typed into the page and a checkout moved
 * along come back after a reload and after restarting both the browser (same profile) and the
 * server (same port); the wasm-gc build shows the same data; a change made in a second tab
 * arrives in the first; two windows editing different notes 0-150 ms apart both keep their
 * edits (rounds: system property {@code keepsake.demo.rounds}, 20), and editing the same note
 * shows the conflict the store reports. Screenshots go to {@code target/demo-*.png}.
 */
class DemoPageTest {

    /** Rounds of the two-window test: system property {@code keepsake.demo.rounds} (20). */
    private static final int ROUNDS = Integer.getInteger("keepsake.demo.rounds", 20);

    private DemoServer server;
    private int port;
    private Path profile;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        Chromium.assumeAvailable();
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
        if (profile != null) {
            Chromium.delete(profile);
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

    @Test
    void twoTabsEditingDifferentNotesWithinAMomentBothKeepTheirEdits() throws Exception {
        open("js");
        addNote("left");
        addNote("right");
        js("return demo.board.flush().then(() => true)");
        String first = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.WINDOW);
        open("wasm");
        String second = driver.getWindowHandle();
        waitFor("the second window shows both notes", () -> notes().equals(List.of("left", "right")));
        List<String> lost = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int apart = round * 150 / Math.max(1, ROUNDS - 1);
            String left = "left " + round;
            String right = "right " + round;
            driver.switchTo().window(first);
            long at = ((Number) js("return Date.now() + 300;")).longValue();
            typeAt(0, left, at);
            driver.switchTo().window(second);
            typeAt(1, right, at + apart);
            for (String window : List.of(first, second)) {
                driver.switchTo().window(window);
                assertEquals("visible", js("return document.visibilityState;"), "both windows run their timers");
                if (!settlesOn(List.of(left, right))) {
                    lost.add("round " + round + " (" + apart + " ms apart) in the " + (window.equals(first) ? "first" : "second")
                            + " window: " + notes());
                }
            }
        }
        assertEquals(List.of(), lost, "edits lost when two windows edited different notes 0-150 ms apart");
        screenshot("demo-two-windows");
    }

    @Test
    void editingTheSameNoteInTwoTabsShowsTheConflictTheStoreReports() throws Exception {
        open("js");
        addNote("shared");
        js("return demo.board.flush().then(() => true)");
        String first = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.WINDOW);
        open("js");
        String second = driver.getWindowHandle();
        waitFor("the second window shows the note", () -> notes().equals(List.of("shared")));
        driver.switchTo().window(first);
        long at = ((Number) js("return Date.now() + 300;")).longValue();
        typeAt(0, "from the first", at);
        driver.switchTo().window(second);
        typeAt(0, "from the second", at + 50);

        if (!settles(() -> text("conflict").contains("both tabs edited a note"))) {
            String seen = "second window: notes " + notes() + ", conflict \"" + text("conflict") + "\"";
            driver.switchTo().window(first);
            throw new AssertionError("the second window's save meets the first's and reports it; " + seen
                    + "; first window: notes " + notes() + ", conflict \"" + text("conflict") + "\"");
        }
        String kept = notes().get(0);
        assertTrue(text("conflict").contains("kept \u201c" + kept + "\u201d"), text("conflict"));
        driver.switchTo().window(first);
        waitFor("the first window shows the text the store kept", () -> notes().equals(List.of(kept)));
        screenshot("demo-conflict");
    }

    /** Types {@code text} into note {@code index} of the current window at page time {@code at}. */
    private void typeAt(int index, String text, long at) {
        js("const [index, text, at] = arguments; setTimeout(() => {"
                + " const input = document.querySelectorAll('#notes .note-text')[index];"
                + " input.value = text; input.dispatchEvent(new Event('input')); }, at - Date.now()); return true;",
                index, text, at);
    }

    /** Returns whether the current window shows exactly {@code expected} within a few seconds. */
    private boolean settlesOn(List<String> expected) {
        return settles(() -> notes().equals(expected));
    }

    /** Returns whether {@code condition} holds within a few seconds. */
    private boolean settles(java.util.function.Supplier<Boolean> condition) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> condition.get());
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
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
        return Chromium.start(profile, "--window-size=1280,900");
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

    /** Returns the notes' texts, read in one script so that a re-render cannot interleave. */
    @SuppressWarnings("unchecked")
    private List<String> notes() {
        return (List<String>) js("return [...document.querySelectorAll('#notes .note-text')].map(e => e.value);");
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
