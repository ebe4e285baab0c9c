package dev.keepsake.browser.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.browser.page.BrowserSession;
import dev.keepsake.browser.page.Chromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Nothing lost at tab close: a value set through {@code openKeyValue} on IndexedDB just before
 * the tab is closed, or navigated away, is there on the next visit. Each round opens the page,
 * sets one value (default debounce: the write is still waiting, or its transaction is running,
 * when the page goes), and closes the tab ({@code window.close()} of a tab the test page opened)
 * or navigates it, 0, 50 or 100 ms later; the next round's page reads the previous round's
 * value first. Rounds per case: system property {@code keepsake.tabclose.rounds} (20).
 */
class NothingLostAtTabCloseTest {

    private static final int ROUNDS = Integer.getInteger("keepsake.tabclose.rounds", 20);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest(name = "{0}, {1} ms after the edit")
    @CsvSource({"module.html, 0", "module.html, 50", "module.html, 100",
            "wasm.html, 0", "wasm.html, 50", "wasm.html, 100"})
    void everyEditIsThereAfterTheTabIsClosed(String page, int delayMillis) {
        String name = "close-" + delayMillis;
        browser.open("/pages/" + page);
        String home = browser.driver().getWindowHandle();
        List<Integer> lost = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            browser.driver().executeScript("window.open(arguments[0], '_blank');", browser.url("/pages/" + page));
            browser.driver().switchTo().window(newHandle(Set.of(home)));
            Chromium.awaitReady(browser.driver());
            checkPrevious(name, round, lost);
            if (round == ROUNDS) {
                break;
            }
            edit(name, round, "setTimeout(() => window.close(), " + delayMillis + ");");
            awaitClosed(home);
        }
        assertEquals(List.of(), lost, "rounds whose edit was lost when the tab closed " + delayMillis
                + " ms after it (" + lost.size() + " of " + ROUNDS + ")");
    }

    @ParameterizedTest(name = "{0}, {1} ms after the edit")
    @CsvSource({"module.html, 0", "module.html, 50", "module.html, 100",
            "wasm.html, 0", "wasm.html, 50", "wasm.html, 100"})
    void everyEditIsThereAfterTheTabNavigatesAway(String page, int delayMillis) {
        String name = "leave-" + delayMillis;
        browser.open("/pages/" + page + "?round=0");
        List<Integer> lost = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            checkPrevious(name, round, lost);
            if (round == ROUNDS) {
                break;
            }
            String next = "?round=" + (round + 1);
            edit(name, round, "setTimeout(() => { location.href = '/pages/" + page + next + "'; }, "
                    + delayMillis + ");");
            awaitPage(next);
        }
        assertEquals(List.of(), lost, "rounds whose edit was lost when the tab navigated away " + delayMillis
                + " ms after it (" + lost.size() + " of " + ROUNDS + ")");
    }

    /** Reads the previous round's value on this (next) visit; records the round if it is missing. */
    private void checkPrevious(String name, int round, List<Integer> lost) {
        Object previous = browser.run(open(name) + "await kv.ready;"
                + "const value = await kv.get('edit-" + (round - 1) + "');"
                + "return value === undefined ? 'missing' : value;");
        if (round > 0 && !("round " + (round - 1)).equals(previous)) {
            System.out.println(name + ": round " + (round - 1) + " read back as " + previous);
            lost.add(round - 1);
        }
    }

    /** Sets this round's value (not awaited: the page goes before it is durable), then runs {@code leave}. */
    private void edit(String name, int round, String leave) {
        try {
            browser.run(open(name) + "kv.set('edit-" + round + "', 'round " + round + "').catch(() => {});"
                    + leave + "return 'edited';");
        } catch (WebDriverException closedFirst) {
            // The page went before the script's result came back; the edit was made, and the
            // next round checks it.
        }
    }

    /** Returns the script text that opens the page's key-value layer on IndexedDB as {@code kv}. */
    private static String open(String name) {
        return "window.kv = window.kv || keepsake.openKeyValue({backend: 'indexeddb', name: '" + name + "'});"
                + "const kv = window.kv;";
    }

    private String newHandle(Set<String> known) {
        String[] found = {null};
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> {
            for (String handle : d.getWindowHandles()) {
                if (!known.contains(handle)) {
                    found[0] = handle;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private void awaitClosed(String home) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("the edited tab to close")
                .until(d -> d.getWindowHandles().size() == 1);
        browser.driver().switchTo().window(home);
    }

    private void awaitPage(String search) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).withMessage("the next page " + search)
                .until(d -> {
                    try {
                        return search.equals(browser.driver().executeScript("return location.search;"))
                                && Boolean.TRUE.equals(browser.driver()
                                        .executeScript("return window.keepsakeReady === true;"));
                    } catch (WebDriverException navigating) {
                        return false;
                    }
                });
    }
}
