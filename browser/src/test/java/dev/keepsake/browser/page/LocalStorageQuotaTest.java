package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filling the real localStorage of Chromium: the write that does not fit fails with
 * QUOTA_EXCEEDED naming its key, an overwrite that does not fit keeps the old value, a batch
 * that does not fit changes nothing, and nothing stored before is lost.
 */
class LocalStorageQuotaTest {

    private static final String FILL = ""
            + "const b = keepsake.localStorageBackend('quota');"
            + "const value = i => { const v = new Uint8Array(256 * 1024); v.fill(i); return v; };"
            + "await b.save('keep', new Uint8Array([42]));"
            + "let stored = 0, failure = null;"
            + "for (let i = 0; i < 200 && failure === null; i++) {"
            + "  try { await b.save('fill-' + i, value(i)); stored++; } catch (e) { failure = e; }"
            + "}"
            + "if (failure === null) return 'never full';"
            + "const report = [failure.code, failure.key, stored];"
            + "try { await b.save('keep', value(1)); report.push('overwrite fitted'); }"
            + " catch (e) { report.push(e.code); }"
            + "try { await b.write([{key: 'keep'}, {key: 'fill-0'}, {key: 'extra', value: value(9)}, {key: 'more', value: value(8)}]); report.push('batch fitted'); }"
            + " catch (e) { report.push(e.code); }"
            + "const keep = await b.load('keep');"
            + "report.push(keep.length + ':' + keep[0]);"
            + "let intact = 0;"
            + "for (let i = 0; i < stored; i++) {"
            + "  const v = await b.load('fill-' + i);"
            + "  if (v.length === 256 * 1024 && v[0] === (i & 255) && v[v.length - 1] === (i & 255)) intact++;"
            + "}"
            + "report.push(intact);"
            + "report.push(String(await b.exists('extra')) + ',' + String(await b.exists('more')));"
            + "report.push((await b.listKeys()).length);"
            + "await b.clear();"
            + "return report.join(' ');";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void fillingLocalStorageFailsWithQuotaExceededAndLosesNothing(String page) {
        browser.open(page);
        String report = String.valueOf(browser.run(FILL));
        String[] parts = report.split(" ");
        assertEquals(9, parts.length, report);
        int stored = Integer.parseInt(parts[2]);
        assertTrue(stored > 0, report);
        assertEquals("QUOTA_EXCEEDED fill-" + stored + " " + stored
                + " QUOTA_EXCEEDED QUOTA_EXCEEDED 1:42 " + stored + " false,false " + (stored + 1), report);
    }
}
