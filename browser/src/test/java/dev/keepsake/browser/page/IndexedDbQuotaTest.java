package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            + "  for (let j = 0; j < v.length; j += 65536) crypto.getRandomValues(v.subarray(j, j + 65536)); return v; };"
            + "await b.save('keep', new Uint8Array([42]));"
            + "const sums = []; let failure = null;"
            + "for (let i = 0; i < 100 && failure === null; i++) {"
            + "  const v = value();"
            + "  try { await b.save('fill-' + i, v); sums.push(sum(v)); } catch (e) { failure = e; }"
            + "}"
            + "if (failure === null) return 'never full';"
            + "const stored = sums.length;"
            + "const report = [failure.code, failure.key];"
            + "try { await b.write([{key: 'keep'}, {key: 'fill-0'}, {key: 'extra-1', value: value()},"
            + "  {key: 'extra-2', value: value()}, {key: 'extra-3', value: value()}]); report.push('batch fitted'); }"
            + " catch (e) { report.push(e.code); }"
            + "const keep = await b.load('keep');"
            + "report.push(keep.length + ':' + keep[0]);"
            + "let intact = 0;"
            + "for (let i = 0; i < stored; i++) { if (sum(await b.load('fill-' + i)) === sums[i]) intact++; }"
            + "report.push(intact === stored ? 'intact' : 'lost ' + (stored - intact));"
            + "report.push(String(await b.exists('extra-1')));"
            + "report.push((await b.listKeys()).length);"
            + "report.push(stored);"
            + "return report.join(' ');";

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
        String report = String.valueOf(browser.run(FILL));
        String[] parts = report.split(" ");
        assertEquals(8, parts.length, report);
        int stored = Integer.parseInt(parts[7]);
        assertTrue(stored > 0, report);
        assertEquals("QUOTA_EXCEEDED fill-" + stored + " QUOTA_EXCEEDED 1:42 intact false "
                + (stored + 1) + " " + stored, report);
    }
}
