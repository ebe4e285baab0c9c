package dev.keepsake.browser.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.Chromium;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node and npm for the tests that use real packages from npm (TypeScript, React): finds them
 * on PATH, installs packages into a directory under {@code target} once, and runs commands.
 * Without node or npm a test is skipped, unless {@code browser.tests.required} is true (CI),
 * where it fails.
 */
final class NodeTools {

    private NodeTools() {
    }

    /** Skips (or, when browser.tests.required is true, fails) the test unless node and npm are on PATH. */
    static void requireNode(String what) {
        if (onPath("npm") == null || onPath("node") == null) {
            Chromium.skipOrFail(what + " needs node and npm on PATH");
        }
    }

    /** Installs {@code packages} into {@code dir} unless {@code marker} (a path inside it) exists. */
    static void install(Path dir, Path marker, String... packages) throws IOException, InterruptedException {
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(onPath("npm"), "install", "--no-save", "--no-audit",
                "--no-fund", "--prefix", dir.toAbsolutePath().toString()));
        command.addAll(List.of(packages));
        Result install = run(command, 300);
        assertEquals(0, install.exit(), "npm install " + String.join(" ", packages) + " failed:\n" + install.output());
    }

    static String onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Paths.get(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + command);
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {
    }
}
