package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keepsake.browser.js.KeepsakeKvExports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.vm.TeaVMOptimizationLevel;

/**
 * The kv path, {@code docs/kv-path.md}, lists every Keepsake class that reaches
 * {@code keepsake-kv.js}: the code where the size rules of that page apply. This test runs
 * TeaVM's dependency analysis from {@link KeepsakeKvExports}, as the kv build does (JS,
 * optimized, strict), and fails naming each class that reaches the build but is not on the
 * page, and each class on the page that no longer reaches it. Nested classes, lambdas and
 * TeaVM's synthetic classes count as their top-level class. The rules a source text shows
 * (imports the page keeps out) are checked on the listed classes too.
 */
class KvPathTest {

    private static final Path MAP = repositoryRoot().resolve("docs").resolve("kv-path.md");
    /** A listed class: a line of the page's class list, "- `dev.keepsake....Name`". */
    private static final Pattern LISTED = Pattern.compile("^- `(dev\\.keepsake\\.[\\w.]+)`", Pattern.MULTILINE);

    @Test
    void exactlyTheClassesOnTheKvPathMapReachTheKvBuild() throws Exception {
        TreeSet<String> listed = listed();
        TreeSet<String> reached = reachedKeepsakeClasses();
        assertTrue(reached.size() > 10, "TeaVM reached Keepsake classes from the kv entry point: " + reached);
        TreeSet<String> added = new TreeSet<>(reached);
        added.removeAll(listed);
        TreeSet<String> gone = new TreeSet<>(listed);
        gone.removeAll(reached);
        if (!added.isEmpty() || !gone.isEmpty()) {
            StringBuilder message = new StringBuilder("the classes reaching keepsake-kv.js differ from " + MAP + ":\n");
            for (String name : added) {
                message.append("+ ").append(name).append(" now reaches the kv build: keep it out, or add it to the map")
                        .append(" and hold it to the map's size rules (the build's brotli budget is small)\n");
            }
            for (String name : gone) {
                message.append("- ").append(name).append(" no longer reaches the kv build: take it off the map\n");
            }
            fail(message.toString());
        }
    }

    /**
     * The rules of the map that a reader can check in the source: no import of the class-library
     * parts they keep out, no {@code String.format}, no {@code wait}/{@code notify}.
     */
    @Test
    void noClassOnTheKvPathImportsWhatTheMapsRulesKeepOut() throws IOException {
        List<String> forbidden = List.of("import java.util.LinkedHashMap;", "import java.util.LinkedHashSet;",
                "import java.util.Collections;", "import java.util.regex.", "import java.time.", "String.format(",
                ".wait(", ".notify(", ".notifyAll(");
        TreeSet<String> problems = new TreeSet<>();
        for (String name : listed()) {
            String file = name.replace('.', '/') + ".java";
            for (String module : List.of("core", "browser")) {
                Path source = MAP.getParent().getParent().resolve(module).resolve("src/main/java").resolve(file);
                if (Files.isRegularFile(source)) {
                    String text = Files.readString(source, StandardCharsets.UTF_8);
                    for (String rule : forbidden) {
                        if (text.contains(rule)) {
                            problems.add(name + " uses " + rule + " (see " + MAP.getFileName() + ")");
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), "classes on the kv path break its size rules:\n" + String.join("\n", problems));
    }

    private static TreeSet<String> listed() throws IOException {
        TreeSet<String> listed = new TreeSet<>();
        Matcher matcher = LISTED.matcher(Files.readString(MAP, StandardCharsets.UTF_8));
        while (matcher.find()) {
            listed.add(matcher.group(1));
        }
        return listed;
    }

    /** Top-level {@code dev.keepsake} classes TeaVM keeps when it compiles the kv entry point. */
    private static TreeSet<String> reachedKeepsakeClasses() throws IOException {
        Path out = Files.createDirectories(Paths.get("target", "kv-path"));
        TeaVMTool tool = new TeaVMTool();
        tool.setTargetType(TeaVMTargetType.JAVASCRIPT);
        tool.setMainClass(KeepsakeKvExports.class.getName());
        tool.setTargetDirectory(out.toFile());
        tool.setTargetFileName("keepsake-kv.js");
        tool.setClassLoader(KvPathTest.class.getClassLoader());
        tool.setOptimizationLevel(TeaVMOptimizationLevel.ADVANCED);
        tool.setStrict(true);
        tool.setObfuscated(false);
        tool.setIncremental(false);
        tool.setDebugInformationGenerated(false);
        tool.setSourceMapsFileGenerated(false);
        try {
            tool.generate();
        } catch (Exception e) {
            throw new AssertionError("TeaVM could not compile " + KeepsakeKvExports.class.getName(), e);
        }
        if (!tool.getProblemProvider().getSevereProblems().isEmpty()) {
            StringBuilder problems = new StringBuilder();
            tool.getProblemProvider().getSevereProblems().forEach(p -> problems.append(p.getText()).append('\n'));
            fail("TeaVM could not compile the kv entry point:\n" + problems);
        }
        TreeSet<String> names = new TreeSet<>();
        for (String name : tool.getClasses()) {
            if (name.startsWith("dev.keepsake.")) {
                int nested = name.indexOf('$');
                names.add(nested < 0 ? name : name.substring(0, nested));
            }
        }
        return names;
    }

    private static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Paths.get("").toAbsolutePath());
    }
}
