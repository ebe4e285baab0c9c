package dev.keepsake.browser.page;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One value over the real quota, set between good writes through {@code openKeyValue} with
 * {@code errorStrategy: 'keep-retrying'}: it fails alone with QUOTA_EXCEEDED naming its key,
 * and every other key is stored. localStorage has its fixed quota; IndexedDB gets 4 MiB
 * through the DevTools protocol, as in {@link IndexedDbQuotaTest}. The value is random, because
 * Chromium compresses what it stores.
 */
class RefusedWriteIsolationTest {

    private static final String SCRIPT = ""
            + "const raw = BACKEND === 'localstorage' ? keepsake.localStorageBackend('isolate')"
            + "  : keepsake.indexedDbBackend({database: 'isolate'});"
            + "const errors = [];"
            + "const kv = keepsake.openKeyValue({name: 'isolate', backend: BACKEND, keyPrefix: 'iso',"
            + "  errorStrategy: 'keep-retrying', onError: e => errors.push(e.code + ':' + e.key.replace('\\0', '|'))});"
            + "await kv.ready;"
            + "const huge = new Uint8Array(6 * 1024 * 1024);"
            + "for (let j = 0; j < huge.length; j += 65536) crypto.getRandomValues(huge.subarray(j, j + 65536));"
            + "const good = [];"
            + "for (let i = 0; i < 10; i++) good.push(kv.set('k' + i, {i: i}));"
            + "let hugeState = 'pending';"
            + "kv.set('huge', huge).then(() => { hugeState = 'saved'; }, e => { hugeState = 'failed ' + e.code; });"
            + "for (let i = 10; i < 20; i++) good.push(kv.set('k' + i, {i: i}));"
            + "let flush = 'flushed';"
            + "try { await kv.flush(); } catch (e) { flush = e.code + ':' + e.key.replace('\\0', '|'); }"
            + "const landed = (await Promise.allSettled(good)).filter(r => r.status === 'fulfilled').length;"
            + "const stored = (await raw.listKeys()).filter(k => k !== 'iso\\0kv:huge').length;"
            + "const hugeStored = await raw.exists('iso\\0kv:huge');"
            + "const report = {'flush': flush, 'other writes that landed': landed, 'other keys stored': stored,"
            + "  'value over the quota stored': hugeStored, 'value over the quota': hugeState,"
            + "  'last error reported': String(errors[errors.length - 1])};"
            + "await raw.clear();"
            + "return report;";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @ParameterizedTest
    @CsvSource({"/pages/module.html, localstorage", "/pages/wasm.html, localstorage",
            "/pages/module.html, indexeddb", "/pages/wasm.html, indexeddb"})
    void aValueOverTheQuotaFailsAloneWithItsKeyAndEveryOtherKeyLands(String page, String backend) {
        URI url = URI.create(browser.url(page));
        browser.driver().executeCdpCommand("Storage.overrideQuotaForOrigin", Map.of(
                "origin", url.getScheme() + "://" + url.getAuthority(),
                "quotaSize", 4.0 * 1024 * 1024));
        Chromium.open(browser.driver(), url.toString());
        // A key-value layer's keys are stored as prefix, U+0000 (shown as |), "kv:" and the key.
        browser.assertChecks(Map.of("flush", "QUOTA_EXCEEDED:iso|kv:huge", "other writes that landed", 20,
                "other keys stored", 20, "value over the quota stored", false, "value over the quota", "pending",
                "last error reported", "QUOTA_EXCEEDED:iso|kv:huge"), "const BACKEND = '" + backend + "';" + SCRIPT);
    }
}
