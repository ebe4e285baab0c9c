package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IndexedDB under a 4 MiB quota (DevTools protocol {@code Storage.overrideQuotaForOrigin};
 * {@code navigator.storage.estimate()} does not show it, but IndexedDB enforces it): the
 * transaction that does not fit fails with QUOTA_EXCEEDED naming its key, a batch that does
 * not fit changes nothing, and everything stored before is intact. Values are random, because
 * Chromium compresses what it stores.
 */
class IndexedDbQuotaTest {

    private static final String FILL = ""
            + "const b = keepsake.indexedDbBackend({database: 'quota'});"
            + "const sum = v => { let s = 0; for (let j = 0; j < v.length; j++) s = (s * 31 + v[j]) | 0; return s; };"
            + "const value = () => { const v = new Uint8Array(512 * 1024);"
            + "  for (let j = 0; j < v.length; j += 65536) crypto.getRandomValues(v.subarray(j, j + 65536)); "
            + "return v; };"
            + "await b.save('keep', new Uint8Array([42]));"
            + "const sums = []; let failure = null;"
            + "for (let i = 0; i < 100 && failure === null; i++) {"
            + "  const v = value();"
            + "  try { await b.save('fill-' + i, v); sums.push(sum(v)); } catch (e) { failure = e; }"
            + "}"
            + "if (failure === null) return 'never full';"
            + "const stored = sums.length;"
            + "const report = {'failure': failure.code, 'failing key': failure.key, 'values stored': stored};"
            + "try { await b.write([{key: 'keep'}, {key: 'fill-0'}, {key: 'extra-1', value: value()},"
            + "  {key: 'extra-2', value: value()}, {key: 'extra-3', value: value()}]); "
            + "report['batch over the quota'] = 'fitted'; }"
            + " catch (e) { report['batch over the quota'] = e.code; }"
            + "const keep = await b.load('keep');"
            + "report['keep, length:first byte'] = keep.length + ':' + keep[0];"
            + "let intact = 0;"
            + "for (let i = 0; i < stored; i++) { if (sum(await b.load('fill-' + i)) === sums[i]) intact++; }"
            + "report['stored values'] = intact === stored ? 'intact' : 'lost ' + (stored - intact);"
            + "report['batch entry stored'] = await b.exists('extra-1');"
            + "report['keys'] = (await b.listKeys()).length;"
            + "return report;";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void aTransactionOverTheQuotaFailsWithQuotaExceededAndLosesNothing(String page) {
        URI url = URI.create(browser.url(page));
        browser.driver().executeCdpCommand("Storage.overrideQuotaForOrigin", Map.of(
                "origin", url.getScheme() + "://" + url.getAuthority(),
                "quotaSize", 4.0 * 1024 * 1024));
        Chromium.open(browser.driver(), url.toString());
        Object report = browser.run(FILL);
        assertTrue(report instanceof Map<?, ?>, "the page filled IndexedDB: " + report);
        long stored = ((Number) ((Map<?, ?>) report).get("values stored")).longValue();
        assertTrue(stored > 0, "values stored before IndexedDB was full: " + stored);
        Chromium.assertChecks(
                Map.of("failure", "QUOTA_EXCEEDED", "failing key", "fill-" + stored, "values stored", stored,
                "batch over the quota", "QUOTA_EXCEEDED", "keep, length:first byte", "1:42", "stored values", "intact",
                "batch entry stored", false, "keys", stored + 1), report);
    }
}
