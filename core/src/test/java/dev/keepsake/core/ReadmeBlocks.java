package dev.keepsake.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fenced code blocks of the repository's README, exactly as printed, for the tests that
 * compile and run them (a user copies them first). JVM only.
 */
public final class ReadmeBlocks {

    private ReadmeBlocks() {
    }

    /** Returns the README at the top of the repository, seen from a module's directory. */
    public static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("core"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }

    /** Returns the text of every block fenced with {@code ```language}, in order. */
    public static List<String> of(String language) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null) {
                if (line.strip().equals("```" + language)) {
                    block = new StringBuilder();
                }
            } else if (line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else {
                block.append(line).append('\n');
            }
        }
        if (block != null) {
            throw new IllegalStateException("an unclosed ```" + language + " block in the README");
        }
        return blocks;
    }
}
