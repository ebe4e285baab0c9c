package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node and npm for the tests that use real packages from npm (TypeScript, React, the npm package
 * and its consumer): finds them on PATH, installs packages into a directory under
 * {@code target} once, and runs commands. Without node or npm a test is skipped, unless
 * {@code browser.tests.required} is true (CI), where it fails ({@link Chromium#skipOrFail}).
 */
public final class NodeTools {

    private NodeTools() {
    }

    /**
     * Returns the path of {@code command} (such as {@code "node"}) on PATH; skips the test, or
     * fails it when browser tests are required, naming {@code what} needs it.
     */
    public static String require(String command, String what) {
        String path = onPath(command);
        if (path == null) {
            Chromium.skipOrFail(what + " needs " + command + " on PATH");
        }
        return path;
    }

    /** Skips (or, when browser tests are required, fails) the test unless node and npm are on PATH. */
    public static void requireNode(String what) {
        require("node", what);
        require("npm", what);
    }

    /** Installs {@code packages} into {@code dir} unless {@code marker} (a path inside it) exists. */
    public static void install(Path dir, Path marker, String... packages) throws IOException, InterruptedException {
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(require("npm", "npm install"), "install", "--no-save",
                "--no-audit", "--no-fund", "--prefix", dir.toAbsolutePath().toString()));
        command.addAll(List.of(packages));
        Result install = run(dir, command, 300);
        assertEquals(0, install.exit(), "npm install " + String.join(" ", packages) + " failed:\n" + install.output());
    }

    /** Returns the path of {@code command} on PATH, or null. */
    public static String onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Runs {@code command} in {@code directory}; returns its exit code and output (stdout and stderr). */
    public static Result run(Path directory, List<String> command, int timeoutSeconds)
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

    /** What a command did: its exit code and its output. */
    public record Result(int exit, String output) {
    }
}
