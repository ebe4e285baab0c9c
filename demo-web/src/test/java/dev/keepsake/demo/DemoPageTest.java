package dev.keepsake.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
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
 * shows the conflict the store reports. The polish a new user asked for: the backend chosen in
 * the page, readable fallback reasons with storage blocked, compression and encryption read back
 * from IndexedDB's bytes, a flush log of every store kept across reloads, sizes and plurals, a
 * 390 px screen without horizontal scroll, and a blocked keepsake.wasm that offers the JS build;
 * all under the server's Content-Security-Policy. Screenshots go to {@code target/demo-*.png}.
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
    void stop() throws Exception {
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
        assertEquals("2 items", text("machine-items"));

        driver.quit();
        server.close();
        server = DemoServer.start(port);
        driver = browser();
        open("js");
        assertEquals(List.of("buy milk", "call the plumber at nine"), notes(), "after restarting browser and server");
        assertEquals("payment", text("machine-state"));
        assertTrue(driver.findElement(By.id("state-payment")).getAttribute("class").contains("current"));
        assertEquals("IndexedDB", text("backend"));
        assertTrue(Integer.parseInt(attribute("entries", "data-count")) >= 2, text("entries"));
        assertNoCspViolations();

        open("wasm");
        assertEquals("running keepsake.wasm", text("build-status"));
        assertEquals(List.of("buy milk", "call the plumber at nine"), notes(), "in the wasm-gc build");
        assertEquals("payment", text("machine-state"));
        click("ev-next");
        waitFor("done", () -> text("machine-state").equals("done"));
        js("return demo.machine.flush().then(() => true)");
        screenshot("demo-wasm");
        assertNoCspViolations();
        open("js");
        assertEquals("done", text("machine-state"), "moved by the wasm build, read by the JS build");
    }

    @Test
    void compressionAndEncryptionChangeTheBytesTheNotesAreStoredAs() throws Exception {
        open("js");
        List<String> typed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            typed.add("the same words again and again " + i);
            addNote(typed.get(i));
        }
        js("return demo.board.flush().then(() => true)");
        byte[] plain = storedBoard();
        assertTrue(contains(plain, typed.get(5)), "uncompressed, the note's text is in the stored bytes");
        assertEquals(Integer.parseInt(attribute("stored-size", "data-bytes")), plain.length,
                "the page shows the stored size");

        byte[] gzip = storeWith("gzip", false);
        assertFalse(contains(gzip, "the same words"), "gzip: the text is not stored as such");
        assertTrue(gzip.length < plain.length, gzip.length + " gzip vs " + plain.length);

        byte[] sealed = storeWith("gzip", true);
        assertFalse(contains(sealed, "the same words"));
        assertEquals(gzip.length + 28, sealed.length, "AES-GCM adds a 12-byte nonce and a 16-byte tag");
        assertFalse(java.util.Arrays.equals(
                java.util.Arrays.copyOfRange(sealed, sealed.length - gzip.length, sealed.length), gzip),
                "the compressed bytes are not stored in the clear");

        driver.navigate().refresh();
        awaitReady();
        assertEquals(typed, notes(), "encrypted notes come back after a reload");
        assertEquals("gzip", js("return document.getElementById('compression').value;"));
        assertEquals(Boolean.TRUE, js("return document.getElementById('encryption').checked;"), "the choice is kept");
        assertEquals(sealed.length, storedBoard().length, "nothing was rewritten by the reload");

        byte[] back = storeWith("none", false);
        assertTrue(contains(back, typed.get(0)), "encryption and compression off: the text is stored plainly again");
        driver.navigate().refresh();
        awaitReady();
        assertEquals(typed, notes(), "and the notes survive every switch");
    }

    @Test
    void theBackendIsChosenInThePageAndTheChoiceIsKept() throws Exception {
        open("js");
        assertEquals("IndexedDB", text("backend"));
        addNote("kept in IndexedDB");
        js("return demo.board.flush().then(() => true)");

        chooseBackend("localstorage");
        assertEquals("localStorage", text("backend"));
        assertEquals(List.of(), notes(), "each backend has its own notes");
        addNote("kept in localStorage");
        js("return demo.board.flush().then(() => true)");
        assertEquals(Boolean.TRUE, js("return Object.keys(localStorage).some(k => k.startsWith('keepsake-demo:'));"),
                "the notes really are in localStorage");
        driver.navigate().refresh();
        awaitReady();
        assertEquals("localStorage", text("backend"), "the choice survives a reload");
        assertEquals(List.of("kept in localStorage"), notes());

        chooseBackend("memory");
        assertTrue(text("backend").startsWith("memory (not persistent"), text("backend"));
        addNote("lost on reload");
        driver.navigate().refresh();
        awaitReady();
        assertEquals(List.of(), notes(), "memory keeps nothing across a reload");

        chooseBackend("indexeddb");
        assertEquals(List.of("kept in IndexedDB"), notes());
        assertEquals("", text("fallbacks"), "no fallback when the chosen backend works");
    }

    @Test
    void whenStorageIsBlockedTheFallbackReasonsAreReadable() throws Exception {
        // Blocking cookies and site data is what makes a real browser refuse IndexedDB and localStorage.
        driver.quit();
        driver = browser(Map.of("profile.default_content_setting_values.cookies", 2), "--window-size=1280,900");
        open("js");
        assertTrue(text("backend").startsWith("memory"), text("backend"));
        List<WebElement> reasons = driver.findElements(By.cssSelector("#fallbacks li"));
        Object raw = js("return demo.board.info().then(i => JSON.stringify(i.fallbacks))");
        assertEquals(2, reasons.size(), text("fallbacks"));
        assertTrue(reasons.get(0).getText().startsWith("IndexedDB could not be used: "), reasons.get(0).getText());
        assertTrue(reasons.get(1).getText().startsWith("localStorage could not be used: "), reasons.get(1).getText());
        for (WebElement reason : reasons) {
            String line = reason.getText();
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            assertEquals(1, count(lower, "indexeddb") + count(lower, "localstorage"),
                    "the backend is named once: " + line + "; the library said " + raw);
            assertFalse(lower.matches(".*\\b(null|undefined)\\b.*"), "no null: " + line);
            assertFalse(lower.contains("probe") || line.contains("\u0000") || line.contains("keepsake-demo"),
                    "no internal key: " + line);
            assertTrue(line.length() > "IndexedDB could not be used: ".length() + 5, "a reason is given: " + line);
        }
        addNote("still works, in memory");
        screenshot("demo-blocked-storage");
        // A reason without a browser error: the message's repeated name, key and "null" go.
        assertEquals("localStorage could not be used: write failed.",
                js("return demoText.describeFallback(arguments[0]);",
                        "localStorage(keepsake-demo): localStorage(keepsake-demo): write failed: null (key "
                        + "\"\u0000keepsake-probe\")"));
        assertEquals("IndexedDB could not be used: the browser refused it without saying why.",
                js("return demoText.describeFallback(arguments[0]);", "indexedDB(keepsake-demo/values): null"));
    }

    @Test
    void theFlushLogShowsEveryStoreAndSurvivesAReload() throws Exception {
        open("js");
        addNote("logged");
        js("return demo.board.flush().then(() => true)");
        click("ev-add");
        waitFor("the machine's write is logged", () -> logStores().stream().anyMatch(s -> s.startsWith("checkout")));
        waitFor("the notes' write is logged", () -> logStores().contains("notes"));
        List<String> before = logRows();
        assertTrue(before.stream().anyMatch(r -> r.matches(".+ notes \\d+ \\d+ bytes \\d+")), "notes rows: " + before);
        driver.navigate().refresh();
        awaitReady();
        assertEquals(before, logRows().subList(logRows().size() - before.size(), logRows().size()),
                "the log survives a reload");
    }

    @Test
    void sizesReadInKbAndMbAndCountsHaveTheirPlurals() throws Exception {
        open("js");
        assertEquals("0 notes", text("note-count"));
        addNote("one");
        assertEquals("1 note", text("note-count"));
        addNote("two");
        assertEquals("2 notes", text("note-count"));
        assertEquals("0 items", text("machine-items"));
        click("ev-add");
        waitFor("one item", () -> text("machine-items").equals("1 item"));
        js("return demo.board.flush().then(() => true)");
        assertTrue(text("entries").matches("\\d+ entries|1 entry"), text("entries"));
        assertTrue(text("used").matches("\\d+ bytes|\\d+(\\.\\d)? KB"), text("used"));
        assertTrue(text("available").matches("[\\d,.]+ (KB|MB|GB|TB)|an unknown quota"), text("available"));
        assertTrue(text("json-size").matches("\\d+ bytes"), text("json-size"));
        Map<Object, String> expected = new java.util.LinkedHashMap<>();
        expected.put(0, "0 bytes");
        expected.put(1, "1 byte");
        expected.put(1023, "1,023 bytes");
        expected.put(1024, "1.0 KB");
        expected.put(1536, "1.5 KB");
        expected.put(150 * 1024, "150 KB");
        expected.put(5 * 1024 * 1024 + 1024 * 512, "5.5 MB");
        expected.put(3L * 1024 * 1024 * 1024, "3.0 GB");
        for (Map.Entry<Object, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), js("return demoText.formatBytes(arguments[0]);", e.getKey()),
                    "formatBytes(" + e.getKey() + ")");
        }
        assertEquals("unknown", js("return demoText.formatBytes(null);"));
    }

    @Test
    void thePageFitsA390PixelWideScreen() throws Exception {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        open("js");
        addNote("a note long enough to need wrapping on a phone screen, with somelongwordwithoutanyspaces");
        click("ev-add");
        js("return demo.board.flush().then(() => true)");
        waitFor("a flush logged", () -> !logRows().isEmpty());
        assertEquals(390L, js("return window.innerWidth;"), "the emulated width");
        assertEquals(Boolean.TRUE, js("return document.documentElement.scrollWidth <= window.innerWidth;"),
                "no horizontal scroll: the page is " + js("return document.documentElement.scrollWidth;") + " px wide");
        for (String id : List.of("add-note", "ev-add", "backend-choice", "compression", "encryption")) {
            assertEquals(Boolean.TRUE, js("const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                    + " return r.left >= 0 && r.right <= window.innerWidth;", id), id + " is on screen");
        }
        screenshot("demo-390");
    }

    @Test
    void whenTheWasmBuildCannotLoadThePageSaysSoAndOffersTheJsBuild() throws Exception {
        driver.executeCdpCommand("Network.enable", Map.of());
        // A URLPattern: the path must be exactly /keepsake.wasm, so keepsake.wasm-runtime.js still loads.
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urlPatterns",
                List.of(Map.of("urlPattern", "http://127.0.0.1:" + port + "/keepsake.wasm", "block", true))));
        driver.get("http://127.0.0.1:" + port + "/?build=wasm");
        waitFor("the failure is shown", () -> driver.findElement(By.id("load-failure")).isDisplayed());
        String message = text("load-failure");
        assertTrue(message.startsWith("The WebAssembly (wasm-gc) build could not load"), message);
        assertFalse(message.contains("runtime"), "only keepsake.wasm is blocked: " + message);
        assertEquals("not loaded", text("build-status"));
        for (String id : List.of("new-note", "add-note", "ev-add", "ev-next", "backend-choice", "compression",
                "encryption")) {
            assertFalse(driver.findElement(By.id(id)).isEnabled(), id + " is disabled, not dead");
        }
        screenshot("demo-wasm-blocked");
        click("use-js");
        awaitReady();
        assertEquals("running keepsake.js", text("build-status"));
        assertFalse(driver.findElement(By.id("load-failure")).isDisplayed());
        addNote("the JS build works");
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
                    lost.add("round " + round + " (" + apart + " ms apart) in the "
                            + (window.equals(first) ? "first" : "second")
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

    /** Switches the notes' compression and encryption in the page and returns the bytes then stored. */
    private byte[] storeWith(String compression, boolean encrypted) {
        js("const select = document.getElementById('compression'); select.value = arguments[0];"
                + " const box = document.getElementById('encryption'); box.checked = arguments[1];"
                + " select.dispatchEvent(new Event('change')); return true;", compression, encrypted);
        js("return demo.applying().then(() => true)");
        return storedBoard();
    }

    /** Returns the board's bytes as IndexedDB holds them, read with IndexedDB's own API. */
    @SuppressWarnings("unchecked")
    private byte[] storedBoard() {
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " const open = indexedDB.open('keepsake-demo'); open.onerror = () => done('open failed');"
                + " open.onsuccess = () => { const db = open.result; const tx = db.transaction(db.objectStoreNames[0]);"
                + "  const store = tx.objectStore(db.objectStoreNames[0]); const keys = store.getAllKeys(); "
                + "const values = store.getAll();"
                + "  tx.oncomplete = () => { db.close(); const i = keys.result.findIndex(k => "
                + "String(k).endsWith('board'));"
                + "   if (i < 0) { done('no board in ' + JSON.stringify(keys.result)); return; }"
                + "   const record = values.result[i]; const bytes = record instanceof Uint8Array ? record : record.d;"
                + "   done(Array.from(bytes)); }; };");
        if (!(result instanceof List)) {
            throw new AssertionError("reading IndexedDB: " + result);
        }
        List<Number> list = (List<Number>) result;
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i).byteValue();
        }
        return bytes;
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(new String(needle.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            n++;
        }
        return n;
    }

    private void chooseBackend(String backend) {
        js("window.demoReady = false; const select = document.getElementById('backend-choice'); "
                + "select.value = arguments[0];"
                + " select.dispatchEvent(new Event('change')); return true;", backend);
        waitFor("the page reloads on " + backend, () -> Boolean.TRUE.equals(js("return window.demoReady === true"
                + " && demo.settings.backend === arguments[0];", backend)));
        awaitReady();
    }

    /** The flush log's rows, each as its cells joined by spaces, oldest last. */
    @SuppressWarnings("unchecked")
    private List<String> logRows() {
        return (List<String>) js("return [...document.querySelectorAll('#flush-log tr')]"
                + ".map(r => [...r.cells].map(c => c.textContent).join(' '));");
    }

    @SuppressWarnings("unchecked")
    private List<String> logStores() {
        return (List<String>) js(
                "return [...document.querySelectorAll('#flush-log tr')].map(r => r.cells[1].textContent);");
    }

    private void assertNoCspViolations() {
        assertEquals(List.of(), js("return window.demoCspViolations || ['the page did not record violations'];"),
                "the Content-Security-Policy blocked nothing the page needs");
    }

    private ChromeDriver browser() {
        return browser(Map.of(), "--window-size=1280,900");
    }

    /** Chromium on this test's profile, with these preferences and extra arguments. */
    private ChromeDriver browser(Map<String, Object> prefs, String... arguments) {
        return Chromium.start(profile, prefs, arguments);
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

    private String attribute(String id, String name) {
        return driver.findElement(By.id(id)).getAttribute(name);
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
