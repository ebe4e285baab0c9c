package dev.keepsake.browser.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.Chromium;
import dev.keepsake.browser.remote.SyncDevices.Device;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WindowType;

/**
 * {@code keepsake-sync.js} and {@code keepsake-sync.wasm} in real Chromium against a real sync
 * server: separate browser profiles are separate devices, each behind a proxy that can cut its
 * network ({@link CuttableProxy}). Devices edit offline and converge with every write kept or
 * its conflict reported; with encryption on the server's file holds only ciphertext; a write
 * left in the outbox by a closed browser is pushed by the next page; a push whose answer was
 * cut is applied once.
 *
 * <p>Waits poll with a bound and never sleep a fixed time.
 */
class ServerSyncPageTest {

    private static final AtomicInteger SCOPES = new AtomicInteger();
    private static final int BOUND = 30;

    @RegisterExtension
    final SyncDevices devices = new SyncDevices();

    private static String scope() {
        return "t" + System.nanoTime() + "-" + SCOPES.incrementAndGet();
    }

    private static void open(Device d, String scope, String extra) {
        assertEquals("ok", d.run("window.kv = keepsake.openKeyValue({name: 'notes', backend: 'indexeddb',"
                + " debounceMs: 5, flushIntervalMs: 50, " + extra + " sync: " + d.syncOptions(scope) + "});"
                + " await kv.ready; return 'ok';"));
    }

    private static String get(Device d, String key) {
        return (String) d.run("const v = await kv.get('" + key
                + "'); return v === undefined ? null : JSON.stringify(v);");
    }

    private static long number(Device d, String expression) {
        return ((Number) d.run("return " + expression + ";")).longValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-sync.html", "server-sync-wasm.html"})
    void twoDevicesEditOfflineReconnectAndConvergeWithEveryWriteKeptOrItsConflictShown(String page) throws Exception {
        String scope = scope();
        Device a = devices.device(page);
        Device b = devices.device(page);
        open(a, scope, "");
        open(b, scope, "");

        a.run("await kv.set('shared', 'from a, online'); return 'ok';");
        SyncDevices.await("device b receives a's online write", BOUND,
                () -> "\"from a, online\"".equals(get(b, "shared")));

        a.proxy().offline();
        b.proxy().offline();
        int n = 20;
        a.run("for (let i = 0; i < " + n
                + "; i++) await kv.set('a' + i, {by: 'a', i}); await kv.set('shared', 'a offline');"
                + " return 'ok';");
        b.run("for (let i = 0; i < " + n
                + "; i++) await kv.set('b' + i, {by: 'b', i}); await kv.set('shared', 'b offline');"
                + " return 'ok';");
        SyncDevices.await("a shows it is offline with its writes pending", BOUND,
                () -> a.run("return kv.sync.status.state === 'offline' && kv.sync.status.pending > 0;").equals(true));
        assertTrue(number(a, "kv.sync.status.pending") >= n + 1, "every offline write of a waits in its outbox");

        a.proxy().online();
        SyncDevices.await("a pushes its outbox", BOUND, () -> number(a, "kv.sync.status.pending") == 0);
        b.proxy().online();
        SyncDevices.await("b pushes its outbox", BOUND, () -> number(b, "kv.sync.status.pending") == 0);

        for (Device d : new Device[] {a, b}) {
            SyncDevices.await("every write of both devices reaches " + (d == a ? "a" : "b"), BOUND,
                    () -> number(d, "(await kv.keys()).length") == 2L * n + 1);
            for (int i = 0; i < n; i++) {
                assertEquals("{\"by\":\"a\",\"i\":" + i + "}", get(d, "a" + i), "a" + i);
                assertEquals("{\"by\":\"b\",\"i\":" + i + "}", get(d, "b" + i), "b" + i);
            }
        }
        SyncDevices.await("both devices end on the same value of the key both wrote offline", BOUND,
                () -> get(a, "shared").equals(get(b, "shared")));
        // b pushed second: its write met a's, and that conflict is shown, not swallowed.
        assertEquals(true, b.run("return kv.sync.status.conflicts.some(c => c.key === 'shared');"),
                "b reports its conflict on 'shared': " + b.run("return JSON.stringify(kv.sync.status);"));
        assertEquals("\"b offline\"", get(b, "shared"), "b's conflicting write is kept (reported, last writer wins)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-sync.html", "server-sync-wasm.html"})
    void withEncryptionTheServersStoreHoldsOnlyCiphertextAndTheOtherDeviceReadsThePlaintext(String page)
            throws Exception {
        String scope = scope();
        String encryption = "encryption: {passphrase: 'correct horse', salt: new Uint8Array(16).fill(7)},";
        Device a = devices.device(page);
        Device b = devices.device(page);
        open(a, scope, encryption);
        open(b, scope, encryption);
        String secret = "SECRET-MARKER-" + System.nanoTime();
        a.run("await kv.set('note', '" + secret + "'); const f = await kv.sync.settled('note');"
                + " if (f.outcome !== 'applied') throw new Error(JSON.stringify(f)); return 'ok';");
        SyncDevices.await("b reads a's encrypted note in plaintext", BOUND,
                () -> ("\"" + secret + "\"").equals(get(b, "note")));
        String stored = new String(devices.storeBytes(), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains(secret), "the server's SQLite file holds the note in plaintext");

        // The check can see plaintext: the same write without encryption is found in the file.
        String plainScope = scope();
        String visible = "VISIBLE-MARKER-" + System.nanoTime();
        a.run("window.plain = keepsake.openKeyValue({name: 'plain', backend: 'indexeddb', debounceMs: 5,"
                + " sync: " + a.syncOptions(plainScope) + "}); await plain.ready;"
                + " await plain.set('note', '" + visible + "'); const f = await plain.sync.settled('note');"
                + " if (f.outcome !== 'applied') throw new Error(JSON.stringify(f)); return 'ok';");
        assertTrue(new String(devices.storeBytes(), StandardCharsets.ISO_8859_1).contains(visible),
                "an unencrypted value is visible in the server's file (else the check above proves nothing)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-sync.html", "server-sync-wasm.html"})
    void aWriteLeftInTheOutboxByAClosedBrowserIsPushedByTheNextPage(String page) throws Exception {
        String scope = scope();
        Device a = devices.device(page);
        Device b = devices.device(page);
        open(a, scope, "");
        open(b, scope, "");
        a.proxy().offline();
        a.run("await kv.set('left', 'in the outbox'); return 'ok';");
        assertTrue(number(a, "kv.sync.status.pending") >= 1, "the write waits in the outbox");
        a.restart(); // every tab closed with the outbox non-empty
        a.proxy().online();
        open(a, scope, "");
        SyncDevices.await("the next page pushes the write the closed one left", BOUND,
                () -> "\"in the outbox\"".equals(get(b, "left")));
        SyncDevices.await("a's outbox empties", BOUND, () -> number(a, "kv.sync.status.pending") == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-sync.html", "server-sync-wasm.html"})
    void aPushWhoseAnswerTheConnectionDroppedIsSentAgainAndAppliedOnce(String page) throws Exception {
        String scope = scope();
        Device a = devices.device(page);
        open(a, scope, "");
        a.proxy().dropResponsesToPushes(1);
        assertEquals("applied",
                a.run("await kv.set('dropped', 'once'); return (await kv.sync.settled('dropped')).outcome;"));
        assertEquals(1, a.proxy().droppedPushes(), "the proxy cut one push's answer");
        assertEquals(1, devices.scopeVersion(scope), "the server applied the write once, not once per send");
        Device b = devices.device(page);
        open(b, scope, "");
        SyncDevices.await("another device receives the write", BOUND, () -> "\"once\"".equals(get(b, "dropped")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-sync.html", "server-sync-wasm.html"})
    void oneTabTalksToTheServerAndAnotherTabsWritesStillReachIt(String page) throws Exception {
        String scope = scope();
        Device a = devices.device(page);
        Device b = devices.device(page);
        open(a, scope, "");
        open(b, scope, "");
        String first = a.driver().getWindowHandle();
        a.driver().switchTo().newWindow(WindowType.TAB);
        Chromium.open(a.driver(), devices.pageUrl(page));
        open(a, scope, "");
        assertEquals(false, a.run("return kv.sync.status.leader;"), "the second tab does not talk to the server");
        a.run("await kv.set('from the second tab', 'hello'); return 'ok';");
        SyncDevices.await("the other device receives the second tab's write", BOUND,
                () -> "\"hello\"".equals(get(b, "from the second tab")));
        assertEquals("applied", a.run("return (await kv.sync.settled('from the second tab')).outcome;"),
                "the second tab hears its write's fate from the first");
        a.driver().switchTo().window(first);
        assertEquals(true, a.run("return kv.sync.status.leader;"), "the first tab talks to the server");
    }
}
