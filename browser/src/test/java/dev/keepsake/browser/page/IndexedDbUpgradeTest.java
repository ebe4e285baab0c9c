package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WindowType;

/**
 * Two tabs: the first holds a version 1 connection; the second opens version 2 (adding a
 * store). The first tab's backend closes its connection on {@code versionchange}, so the
 * upgrade completes instead of being blocked, and the first tab's next operation fails with
 * BACKEND_UNAVAILABLE, saying the database is now newer.
 */
class IndexedDbUpgradeTest {

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void aNewerVersionInAnotherTabClosesThisTabsConnection(String page) {
        browser.open(page);
        String firstTab = browser.driver().getWindowHandle();
        assertEquals("saved", browser.run(""
                + "window.v1 = keepsake.indexedDbBackend({database: 'tabs', version: 1});"
                + "await window.v1.save('k', new Uint8Array([1]));"
                + "return 'saved';"));

        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open(page);
        assertEquals("upgraded 1", browser.run(""
                + "const v2 = keepsake.indexedDbBackend({database: 'tabs', store: 'more', version: 2});"
                + "await v2.save('n', new Uint8Array([2]));"
                + "const values = keepsake.indexedDbBackend({database: 'tabs', version: 2});"
                + "const k = await values.load('k');"
                + "return 'upgraded ' + k[0];"));

        browser.driver().switchTo().window(firstTab);
        String result = String.valueOf(browser.run(""
                + "try { await window.v1.load('k'); return 'still open'; }"
                + " catch (e) { return e.code + ' ' + e.key + ' ' + e.message; }"));
        assertTrue(result.startsWith("BACKEND_UNAVAILABLE k "), result);
        assertTrue(result.contains("newer version"), result);
    }
}
