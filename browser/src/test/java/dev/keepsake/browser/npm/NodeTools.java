package dev.keepsake.browser.npm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.Chromium;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** node and npm for the package tests: found on PATH, else the test skips (or fails in CI). */
final class NodeTools {

    private NodeTools() {
    }

    /** Returns the path of {@code command} on PATH; skips the test, or fails it when browser tests are required. */
    static String require(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        Chromium.skipOrFail("the npm package tests need " + command + " on PATH");
        return null;
    }

    /** Runs {@code command} in {@code directory}; returns its exit code and output (stdout and stderr). */
    static Result run(Path directory, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "timed out after " + timeoutSeconds + " s: " + command);
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {
    }
}
