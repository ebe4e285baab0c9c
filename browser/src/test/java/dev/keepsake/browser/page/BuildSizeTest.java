package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Measures every browser build (raw, gzip -9, brotli -q 11), writes the table to
 * {@code target/web/sizes.txt} and the build log, and holds each ES module to its brotli budget
 * ({@code keepsake.budget.brotli}, {@code keepsake.kv.budget.brotli}, {@code keepsake.sync.budget.brotli}
 * in the browser pom), so that
 * growth is a decision rather than an accident. {@code keepsake-kv.js}, both backends and the
 * manager, has 32 KB; the table says how much of it is left.
 * Brotli comes from Debian's {@code brotli} command; without it the test is skipped, unless
 * {@code browser.tests.required} is true (CI), where it fails.
 */
class BuildSizeTest {

    private static final Path WEB = Paths.get(System.getProperty("keepsake.web.dir", "target/web"));
    private static final Path BROTLI = Paths.get("/usr/bin/brotli");
    private static final long BUDGET = Long.getLong("keepsake.budget.brotli", 82432);
    private static final long KV_BUDGET = Long.getLong("keepsake.kv.budget.brotli", 32 * 1024);
    private static final long SYNC_BUDGET = Long.getLong("keepsake.sync.budget.brotli", 100 * 1024);
    private static final List<String> OUTPUTS = List.of("keepsake.js", "keepsake-kv.js", "keepsake-sync.js",
            "keepsake-classic.js", "keepsake.wasm", "keepsake.wasm-runtime.js", "keepsake-sync.wasm");

    @Test
    void esModulesStayWithinTheirBrotliBudgetsAndAllSizesAreReported() throws Exception {
        if (!Files.isExecutable(BROTLI)) {
            Chromium.skipOrFail("size budget needs " + BROTLI + " (apt-get install brotli)");
        }
        StringBuilder table = new StringBuilder(String.format("%-26s %9s %9s %9s%n", "file", "raw", "gzip", "brotli"));
        long esModuleBrotli = -1;
        long kvModuleBrotli = -1;
        long syncModuleBrotli = -1;
        long[] wasmTotal = new long[3];
        for (String name : OUTPUTS) {
            Path file = WEB.resolve(name);
            assertTrue(Files.isRegularFile(file), "missing build output " + file);
            byte[] raw = Files.readAllBytes(file);
            long[] sizes = {raw.length, gzip(raw).length, brotli(file)};
            table.append(String.format("%-26s %9d %9d %9d%n", name, sizes[0], sizes[1], sizes[2]));
            if (name.equals("keepsake.js")) {
                esModuleBrotli = sizes[2];
            }
            if (name.equals("keepsake-kv.js")) {
                kvModuleBrotli = sizes[2];
            }
            if (name.equals("keepsake-sync.js")) {
                syncModuleBrotli = sizes[2];
            }
            if (name.startsWith("keepsake.wasm")) {
                for (int i = 0; i < 3; i++) {
                    wasmTotal[i] += sizes[i];
                }
            }
        }
        table.append(String.format("%-26s %9d %9d %9d%n", "wasm-gc total", wasmTotal[0], wasmTotal[1], wasmTotal[2]));
        table.append(String.format("keepsake-kv.js (backends and manager) leaves %d of its %d-byte brotli budget%n",
                KV_BUDGET - kvModuleBrotli, KV_BUDGET));
        Files.writeString(WEB.resolve("sizes.txt"), table);
        System.out.print("Keepsake browser build sizes (bytes):\n" + table);
        assertTrue(esModuleBrotli <= BUDGET, "keepsake.js is " + esModuleBrotli
                + " bytes brotli, over its budget of " + BUDGET + "\n" + table);
        assertTrue(syncModuleBrotli <= SYNC_BUDGET, "keepsake-sync.js is " + syncModuleBrotli
                + " bytes brotli, over its budget of " + SYNC_BUDGET + "\n" + table);
        assertTrue(kvModuleBrotli <= KV_BUDGET, "keepsake-kv.js is " + kvModuleBrotli
                + " bytes brotli, over its budget of " + KV_BUDGET + "\n" + table);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static long brotli(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(BROTLI.toString(), "-q", "11", "-c", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] compressed = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "brotli did not finish");
        assertTrue(process.exitValue() == 0, "brotli failed on " + file);
        return compressed.length;
    }
}
