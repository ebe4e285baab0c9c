package dev.keepsake.browser.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the browser's algorithms in Chromium, JS and wasm-gc, for 1 KiB and 1 MiB of
 * JSON-like records: MB/s (10^6 bytes of payload per second) of sealing and opening an envelope
 * with each setup, next to the plain path (framing and CRC-32C only). A measurement, not a test:
 * it runs only with {@code -Dkeepsake.bench=true}, prints the table and writes it to
 * {@code target/crosscrypto/bench.txt}.
 *
 * <pre>
 * mvn -B -o -pl browser -am verify -Dtest=BrowserAlgorithmsBench -Dkeepsake.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dteavm.junit.js=false -Dteavm.junit.wasm-gc=false
 * </pre>
 */
class BrowserAlgorithmsBench {

    private static final String[] SETUPS = {"plain", "gzip", "lz4", "aes", "chacha"};

    @Test
    void printThroughputTable() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("keepsake.bench"), "benchmark: run with -Dkeepsake.bench=true");
        StringBuilder table = new StringBuilder(String.format("%-8s %-7s %-7s %12s %12s %9s%n",
                "build", "size", "setup", "seal MB/s", "open MB/s", "stored"));
        for (String page : new String[] {"crosscrypto.html", "crosscrypto-wasm.html"}) {
            try (CrossCryptoBuild browser = CrossCryptoBuild.start()) {
                browser.open(page);
                String build = page.contains("wasm") ? "wasm-gc" : "js";
                for (int size : new int[] {1024, 1 << 20}) {
                    int warmup = size == 1024 ? 300 : 3;
                    int rounds = size == 1024 ? 2000 : 12;
                    for (String setup : SETUPS) {
                        Object result = browser.run("return await cc.bench('" + setup + "', " + size + ", " + warmup
                                + ", " + rounds + ");");
                        assertFalse(String.valueOf(result).startsWith("error:"), build + " " + setup + ": " + result);
                        String[] parts = ((String) result).split(" ");
                        double sealMillis = Double.parseDouble(parts[0]);
                        double openMillis = Double.parseDouble(parts[1]);
                        long stored = Long.parseLong(parts[2]);
                        table.append(String.format("%-8s %-7s %-7s %12.1f %12.1f %9d%n", build,
                                size == 1024 ? "1 KiB" : "1 MiB", setup, mbPerSecond(size, rounds, sealMillis),
                                mbPerSecond(size, rounds, openMillis), stored));
                    }
                }
            }
        }
        Path out = Paths.get("target", "crosscrypto", "bench.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.print("Keepsake browser algorithms, Chromium " + "(headless):\n" + table);
    }

    private static double mbPerSecond(int size, int rounds, double millis) {
        return (double) size * rounds / 1e6 / (millis / 1000.0);
    }
}
