package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
            + "const report = {'failure': failure.code, 'failing key': failure.key, 'values stored': stored};"
            + "try { await b.save('keep', value(1)); report['larger overwrite'] = 'fitted'; }"
            + " catch (e) { report['larger overwrite'] = e.code; }"
            + "try { await b.write([{key: 'keep'}, {key: 'fill-0'}, {key: 'extra', value: value(9)}, {key: 'more', "
            + "value: value(8)}]);"
            + "  report['batch over the quota'] = 'fitted'; }"
            + " catch (e) { report['batch over the quota'] = e.code; }"
            + "const keep = await b.load('keep');"
            + "report['keep, length:first byte'] = keep.length + ':' + keep[0];"
            + "let intact = 0;"
            + "for (let i = 0; i < stored; i++) {"
            + "  const v = await b.load('fill-' + i);"
            + "  if (v.length === 256 * 1024 && v[0] === (i & 255) && v[v.length - 1] === (i & 255)) intact++;"
            + "}"
            + "report['values intact'] = intact;"
            + "report['batch entries stored'] = String(await b.exists('extra')) + ',' + String(await b.exists('more'));"
            + "report['keys'] = (await b.listKeys()).length;"
            + "await b.clear();"
            + "return report;";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void fillingLocalStorageFailsWithQuotaExceededAndLosesNothing(String page) {
        browser.open(page);
        Object report = browser.run(FILL);
        assertTrue(report instanceof Map<?, ?>, "the page filled localStorage: " + report);
        long stored = ((Number) ((Map<?, ?>) report).get("values stored")).longValue();
        assertTrue(stored > 0, "values stored before localStorage was full: " + stored);
        Chromium.assertChecks(
                Map.of("failure", "QUOTA_EXCEEDED", "failing key", "fill-" + stored, "values stored", stored,
                "larger overwrite", "QUOTA_EXCEEDED", "batch over the quota", "QUOTA_EXCEEDED",
                "keep, length:first byte", "1:42", "values intact", stored, "batch entries stored", "false,false",
                "keys", stored + 1), report);
    }
}
