package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Two tabs: the first holds a version 1 connection; the second opens version 2 (adding a
 * store). The first tab's backend closes its connection on {@code versionchange}, so the
 * upgrade completes instead of being blocked, and the first tab's next operation fails with
 * BACKEND_UNAVAILABLE, saying the database is now newer.
 */
class IndexedDbUpgradeTest {

    private WebServer server;
    private Path profile;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        Chromium.assumeAvailable();
        server = WebServer.start();
        profile = Files.createTempDirectory("keepsake-profile");
        driver = Chromium.start(profile);
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

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void aNewerVersionInAnotherTabClosesThisTabsConnection(String page) {
        Chromium.open(driver, server.url(page));
        String firstTab = driver.getWindowHandle();
        assertEquals("saved", Chromium.run(driver, ""
                + "window.v1 = keepsake.indexedDbBackend({database: 'tabs', version: 1});"
                + "await window.v1.save('k', new Uint8Array([1]));"
                + "return 'saved';"));

        driver.switchTo().newWindow(WindowType.TAB);
        Chromium.open(driver, server.url(page));
        assertEquals("upgraded 1", Chromium.run(driver, ""
                + "const v2 = keepsake.indexedDbBackend({database: 'tabs', store: 'more', version: 2});"
                + "await v2.save('n', new Uint8Array([2]));"
                + "const values = keepsake.indexedDbBackend({database: 'tabs', version: 2});"
                + "const k = await values.load('k');"
                + "return 'upgraded ' + k[0];"));

        driver.switchTo().window(firstTab);
        String result = String.valueOf(Chromium.run(driver, ""
                + "try { await window.v1.load('k'); return 'still open'; }"
                + " catch (e) { return e.code + ' ' + e.key + ' ' + e.message; }"));
        assertTrue(result.startsWith("BACKEND_UNAVAILABLE k "), result);
        assertTrue(result.contains("newer version"), result);
    }
}
