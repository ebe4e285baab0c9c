package dev.keepsake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of every module's main sources has a {@code package-info.java} that says what
 * lives there and ends with the Keepsake packages it may use ("May use: a, b." or "May use: no
 * other Keepsake package."); this test holds the imports of the package's classes to that list.
 * JVM only: it reads the repository's sources.
 */
class PackageDependenciesTest {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.keepsake\\.[\\w.]+?)\\.[A-Z*]",
            Pattern.MULTILINE);
    private static final Pattern MAY_USE = Pattern.compile("<p>May use: ([^<]*?)\\.\\s*\\*/", Pattern.DOTALL);

    @Test
    void everyPackageSaysWhatItMayUseAndUsesNothingElse() throws IOException {
        Path root = ReadmeBlocks.readme().getParent();
        Map<String, TreeSet<String>> imports = new TreeMap<>();
        Map<String, String> infos = new TreeMap<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        }
        assertTrue(sources.size() > 100, "found the main sources under " + root);
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            Matcher pkg = PACKAGE.matcher(text);
            assertTrue(pkg.find(), source + " declares its package");
            String name = pkg.group(1);
            TreeSet<String> used = imports.computeIfAbsent(name, n -> new TreeSet<>());
            if (source.getFileName().toString().equals("package-info.java")) {
                infos.put(name, text);
                continue;
            }
            Matcher imported = IMPORT.matcher(text);
            while (imported.find()) {
                if (!imported.group(1).equals(name)) {
                    used.add(imported.group(1));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        imports.forEach((name, used) -> {
            String info = infos.get(name);
            if (info == null) {
                problems.add(name + " has no package-info.java saying what lives there and what it may use");
                return;
            }
            Matcher mayUse = MAY_USE.matcher(info);
            if (!mayUse.find()) {
                problems.add(name + "'s package-info.java does not end with \"<p>May use: ...\"");
                return;
            }
            TreeSet<String> allowed = new TreeSet<>();
            String list = mayUse.group(1).replaceAll("\\s*\\*\\s*", " ").trim();
            if (!list.equals("no other Keepsake package")) {
                for (String entry : list.split(",")) {
                    allowed.add(entry.trim());
                }
            }
            for (String dependency : used) {
                if (!allowed.contains(dependency)) {
                    problems.add(name + " uses " + dependency + ", which its package-info.java does not allow");
                }
            }
        });
        assertEquals(List.of(), problems, "package dependencies differ from their package-info.java");
    }
}
