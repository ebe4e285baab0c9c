package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The classic (non-module) script in HtmlUnit, which has localStorage but neither modules nor
 * IndexedDB: a save, a load (stored as a version and the Base64 bytes) and a NOT_FOUND rejection
 * through the global functions. Runs
 * without Chromium.
 */
class ClassicScriptHtmlUnitTest {

    @Test
    void classicScriptRoundTripsThroughLocalStorage() throws Exception {
        try (WebServer server = WebServer.start(); WebClient client = new WebClient(BrowserVersion.CHROME)) {
            client.getOptions().setThrowExceptionOnScriptError(true);
            HtmlPage page = client.getPage(server.url("/pages/classic.html"));
            String text = "pending";
            // Promise callbacks run as HtmlUnit background jobs; wait until they have all run.
            for (int i = 0; i < 100 && !text.contains("missing"); i++) {
                client.waitForBackgroundJavaScript(100);
                text = page.getElementById("out").getTextContent();
            }
            assertEquals("loaded 104,105,255 stored aGn/ versioned missing NOT_FOUND", text);
        }
    }
}
