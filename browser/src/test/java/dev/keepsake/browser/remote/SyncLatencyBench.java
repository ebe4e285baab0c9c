package dev.keepsake.browser.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.browser.remote.SyncDevices.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sync latency between two browser profiles (two devices) in Chromium, JS and wasm-gc, through
 * a real sync server on SQLite (loopback, through each device's proxy): the time from
 * {@code store.set} on device A to device B's store subscriber hearing the value (A stamps the
 * value with {@code performance.timeOrigin + performance.now()}; both browsers run on one
 * machine, so one clock), one write in flight at a time; and what the outbox costs a local
 * write: the mean time of {@code await kv.set(...)} on IndexedDB with a sync (offline, so only
 * the outbox entry is added) and without one. A measurement, not a test: it runs only with
 * {@code -Dkeepsake.bench=true}, prints the table and writes it to
 * {@code target/sync-latency.txt}.
 *
 * <pre>
 * mvn -B -o -pl browser -am test -Dtest=SyncLatencyBench -Dkeepsake.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dteavm.junit.js=false -Dteavm.junit.wasm-gc=false
 * </pre>
 */
class SyncLatencyBench {

    private static final int WARMUP = 10;
    private static final int ROUNDS = Integer.getInteger("keepsake.bench.rounds", 200);
    private static final int WRITES = 300;

    @RegisterExtension
    final SyncDevices devices = new SyncDevices();

    @Test
    void printLatencyTable() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("keepsake.bench"), "benchmark: run with -Dkeepsake.bench=true");
        StringBuilder table = new StringBuilder(String.format("%-8s %7s %9s %9s %9s %9s | %14s %14s%n", "build",
                "rounds", "p50 ms", "p90 ms", "p99 ms", "max ms", "set+sync ms", "set alone ms"));
        for (String page : new String[] {"server-sync.html", "server-sync-wasm.html"}) {
            String scope = "bench" + System.nanoTime();
            Device a = devices.device(page);
            Device b = devices.device(page);
            for (Device d : new Device[] {a, b}) {
                assertEquals("ok", d.run("window.store = keepsake.openStore({name: 'bench', backend: 'indexeddb',"
                        + " key: 'lat', initial: {i: -1, t: 0}, debounceMs: 0, sync: " + d.syncOptions(scope) + "});"
                        + " await store.ready; window.lat = [];"
                        + " store.subscribe(v => { if (v.i >= 0) window.lat[v.i] ="
                        + "   performance.timeOrigin + performance.now() - v.t; }); return 'ok';"));
            }
            SyncDevices.await("both devices sync", 30,
                    () -> Boolean.TRUE.equals(b.run("return store.sync.status.state === 'up-to-date';"))
                            && Boolean.TRUE.equals(a.run("return store.sync.status.state === 'up-to-date';")));
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                int round = i;
                a.run("store.set({i: " + round + ", t: performance.timeOrigin + performance.now()}); return 'ok';");
                SyncDevices.await("round " + round + " arrives", 30,
                        () -> Boolean.TRUE.equals(b.run("return window.lat[" + round + "] !== undefined;")));
                if (i >= WARMUP) {
                    millis.add(((Number) b.run("return window.lat[" + round + "];")).doubleValue());
                }
            }
            Collections.sort(millis);
            a.proxy().offline();
            String costs = (String) a.run(
                    "const synced = keepsake.openKeyValue({name: 'cost-sync', backend: 'indexeddb',"
                    + " debounceMs: 0, sync: " + a.syncOptions(scope + "c") + "});"
                    + " const plain = keepsake.openKeyValue({name: 'cost-plain', backend: 'indexeddb', debounceMs: 0});"
                    + " await synced.ready; await plain.ready;"
                    + " async function time(kv) { for (let i = 0; i < 20; i++) await kv.set('w' + i, {i});"
                    + "   const start = performance.now();"
                    + "   for (let i = 0; i < " + WRITES
                    + "; i++) await kv.set('k' + (i % 50), {i, text: 'x'.repeat(100)});"
                    + "   return (performance.now() - start) / " + WRITES + "; }"
                    + " const s = await time(synced); const p = await time(plain); "
                    + "return s.toFixed(2) + ' ' + p.toFixed(2);");
            String[] cost = costs.split(" ");
            table.append(String.format("%-8s %7d %9.1f %9.1f %9.1f %9.1f | %14s %14s%n",
                    page.contains("wasm") ? "wasm-gc" : "js", millis.size(), pct(millis, 50), pct(millis, 90),
                    pct(millis, 99), millis.get(millis.size() - 1), cost[0], cost[1]));
            a.close();
            b.close();
        }
        System.out.print("Sync latency between two browser profiles:\n" + table);
        Path out = Paths.get("target/sync-latency.txt");
        Files.writeString(out, table);
    }

    private static double pct(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
