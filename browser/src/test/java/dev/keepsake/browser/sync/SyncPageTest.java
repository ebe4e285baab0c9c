package dev.keepsake.browser.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.BrowserSession;
import dev.keepsake.browser.page.TestBuilds;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The sync package in real Chromium, through the test-only harness ({@link SyncHarness}, built
 * by {@link TestBuilds}) in JS ({@code sync.html}) and wasm-gc ({@code sync-wasm.html}), on localStorage and
 * IndexedDB: stores and machines survive a reload, two tabs stay in step, and a write still
 * held by a long debounce is on disk once the tab is hidden.
 *
 * <p>Waits poll with a bound and never sleep a fixed time. Storage is read directly in page
 * JS ({@code localStorage.getItem}, a raw IndexedDB {@code get}, each in its versioned stored
 * form): values are strings in an uncompressed JSON envelope, so the marker appears verbatim in
 * the stored bytes.
 */
class SyncPageTest {

    /** Long enough that only a flush on hide can have written within {@link #BOUND}. */
    private static final int NEVER = 60_000;
    private static final int SOON = 20;
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Returns the stored bytes of harness key {@code key} as a binary string, or null. */
    private static final String RAW = ""
            + "const [kind, name, key] = [arguments[0], arguments[1], arguments[2]];"
            + "if (kind === 'local') {"
            + "  const stored = localStorage.getItem(name + ':keepsake:' + key);"
            + "  return stored === null ? null : atob(stored.substring(stored.indexOf('.') + 1));" // version.base64
            + "}"
            + "const db = await new Promise((resolve) => {"
            + "  const request = indexedDB.open(name);"
            + "  request.onupgradeneeded = () => request.transaction.abort();" // no database yet: do not create one
            + "  request.onsuccess = () => resolve(request.result);"
            + "  request.onerror = () => resolve(null);"
            + "});"
            + "if (db === null) return null;"
            + "try {"
            + "  if (!db.objectStoreNames.contains('values')) return null;"
            + "  const bytes = await new Promise((resolve, reject) => {"
            + "    const request = db.transaction('values').objectStore('values').get('keepsake:' + key);"
            + "    request.onsuccess = () => resolve(request.result);"
            + "    request.onerror = () => reject(request.error);"
            + "  });"
            + "  const data = bytes instanceof Uint8Array ? bytes : bytes && bytes.d;" // {v: version, d: bytes}
            + "  return data === undefined ? null : String.fromCharCode.apply(null, data);"
            + "} finally { db.close(); }";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"sync.html, local", "sync.html, indexed", "sync-wasm.html, local", "sync-wasm.html, indexed"})
    void aStoreAndAMachineSurviveAReload(String page, String kind) {
        String name = "reload-" + kind;
        open(page);
        openBoth("a", kind, name, SOON);
        call("storeSet", "a", "kept across reload");
        assertEquals(true, call("machineSend", "a", "go"));
        assertEquals(true, call("machineSend", "a", "slow"));
        awaitTrue("value written", () -> rawContains(kind, name, SyncHarness.STORE_KEY, "kept across reload"));
        awaitTrue("machine written", () -> rawContains(kind, name, SyncHarness.MACHINE_KEY, "YELLOW"));

        browser.driver().navigate().refresh();
        open(page);
        openBoth("a", kind, name, SOON);
        assertEquals("kept across reload", call("storeGet", "a"));
        assertEquals("YELLOW:1", call("machineState", "a"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"sync.html, local", "sync.html, indexed", "sync-wasm.html, local", "sync-wasm.html, indexed"})
    void twoTabsStayInStep(String page, String kind) {
        String name = "tabs-" + kind;
        open(page);
        openBoth("a", kind, name, SOON);
        String tabA = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        String tabB = browser.driver().getWindowHandle();
        open(page);
        openBoth("b", kind, name, SOON);

        browser.driver().switchTo().window(tabA);
        call("storeSet", "a", "from A");
        assertEquals(true, call("machineSend", "a", "go"));
        browser.driver().switchTo().window(tabB);
        awaitEquals("B's subscriber hears A's set", "from A", () -> call("storeHeard", "b"));
        assertEquals("from A", call("storeGet", "b"));
        awaitEquals("B's machine follows A's", "GREEN:1", () -> call("machineState", "b"));
        assertEquals("RED>GREEN", call("machineHeard", "b"));

        call("storeSet", "b", "from B");
        assertEquals(true, call("machineSend", "b", "slow"));
        browser.driver().switchTo().window(tabA);
        awaitEquals("A hears B's set, and never its own write echoed back", "from A|from B",
                () -> call("storeHeard", "a"));
        awaitEquals("A's machine follows B's", "YELLOW:1", () -> call("machineState", "a"));
        assertEquals("RED>GREEN|GREEN>YELLOW", call("machineHeard", "a"));
        assertEquals("attached attached", call("storeAttachments", "a"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"sync.html, local", "sync.html, indexed", "sync-wasm.html, local", "sync-wasm.html, indexed"})
    void aWriteHeldByALongDebounceIsStoredWhenTheTabIsHidden(String page, String kind) {
        String name = "hide-" + kind;
        open(page);
        openBoth("a", kind, name, NEVER);
        call("storeSet", "a", "set just before hiding");
        assertEquals(true, call("machineSend", "a", "go"));
        assertFalse(rawContains(kind, name, SyncHarness.STORE_KEY, "set just before hiding"),
                "the debounce still holds the write");
        assertFalse(rawContains(kind, name, SyncHarness.MACHINE_KEY, "GREEN"));

        browser.run("window.hiddenSeen = false; document.addEventListener('visibilitychange',"
                + " () => { if (document.visibilityState === 'hidden') window.hiddenSeen = true; }); return 1;");
        // A new tab in front hides this one: Chromium fires visibilitychange ("hidden").
        String tabA = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        open(page);
        awaitTrue("stored once hidden", () -> rawContains(kind, name, SyncHarness.STORE_KEY, "set just before hiding"));
        awaitTrue("machine stored once hidden", () -> rawContains(kind, name, SyncHarness.MACHINE_KEY, "GREEN"));

        browser.driver().switchTo().window(tabA);
        assertEquals(true, browser.driver().executeScript("return window.hiddenSeen;"), "the tab was hidden, not left");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sync.html", "sync-wasm.html"})
    void leavingThePageStoresLocalStorageWritesSynchronously(String page) {
        open(page);
        openBoth("a", "local", "leave", NEVER);
        call("storeSet", "a", "set just before leaving");
        assertFalse(rawContains("local", "leave", SyncHarness.STORE_KEY, "set just before leaving"));

        open(page); // navigating fires pagehide (and the hidden visibilitychange) on the old page
        assertTrue(rawContains("local", "leave", SyncHarness.STORE_KEY, "set just before leaving"),
                "written during pagehide, before the next page loaded");
        openBoth("a", "local", "leave", NEVER);
        assertEquals("set just before leaving", call("storeGet", "a"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sync.html", "sync-wasm.html"})
    void aClosedStoreDetachesItselfWithoutBeingToldTo(String page) {
        open(page);
        openBoth("a", "local", "closing", SOON);
        String tabA = browser.driver().getWindowHandle();
        assertEquals("attached attached", call("storeAttachments", "a"));
        call("storeClose", "a");

        browser.driver().switchTo().newWindow(WindowType.TAB); // hides tab A: its flush finds the store closed
        open(page);
        openBoth("b", "local", "closing", SOON);
        call("storeSet", "b", "after A closed"); // tab A's follower hears it and finds the store closed

        browser.driver().switchTo().window(tabA);
        awaitEquals("both attachments dropped", "detached detached", () -> call("storeAttachments", "a"));
        assertEquals("initial", call("storeGet", "a"));
    }

    private void open(String page) {
        TestBuilds.build(SyncHarness.class, "sync-harness");
        browser.open("/pages/" + page);
    }

    private void openBoth(String id, String kind, String name, int debounceMillis) {
        call("openStore", id, kind, name, debounceMillis);
        call("openMachine", id, kind, name, debounceMillis);
        awaitTrue("store " + id + " hydrated", () -> Boolean.TRUE.equals(call("storeReady", id)));
        awaitTrue("machine " + id + " restored", () -> Boolean.TRUE.equals(call("machineReady", id)));
    }

    /** Calls the harness export {@code export} with {@code args} and returns its result. */
    private Object call(String export, Object... args) {
        return browser.driver()
                .executeScript("return window.keepsake[arguments[0]](...Array.from(arguments).slice(1));",
                prepend(export, args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private boolean rawContains(String kind, String name, String key, String marker) {
        String script = "const done = arguments[arguments.length - 1];"
                + "(async (...args) => {" + RAW + "})(arguments[0], arguments[1], arguments[2])"
                + ".then(done, e => done('error:' + e));";
        Object raw = browser.driver().executeAsyncScript(script, kind, name, key);
        if (raw instanceof String s && s.startsWith("error:")) {
            throw new AssertionError("raw read failed: " + s);
        }
        return raw instanceof String s && s.contains(marker);
    }

    private void awaitTrue(String what, Supplier<Boolean> condition) {
        try {
            new FluentWait<>(browser.driver()).withTimeout(BOUND).pollingEvery(Duration.ofMillis(50))
                    .until(d -> condition.get() ? Boolean.TRUE : null);
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": not within " + BOUND, e);
        }
    }

    private void awaitEquals(String what, Object expected, Supplier<Object> actual) {
        Object[] last = {null};
        try {
            new FluentWait<>(browser.driver()).withTimeout(BOUND).pollingEvery(Duration.ofMillis(50)).until(d -> {
                last[0] = actual.get();
                return Objects.equals(expected, last[0]) ? Boolean.TRUE : null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": expected " + expected + " within " + BOUND + ", last " + last[0], e);
        }
    }
}
