package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java program, compiled by this project exactly as printed, run as a user runs it:
 * twice in a fresh folder, its state back on the second run; once with Keepsake on the class
 * path and once with Keepsake's jars as named modules on the module path.
 */
class ReadmeProgramTest {

    static final Path CLASSES = Path.of(System.getProperty("consumer.classes"));
    static final String RUNTIME = System.getProperty("consumer.runtimeClasspath");

    @Test
    void theReadmeProgramRunsTwiceOnTheClassPathAndItsStateComesBack(@TempDir Path dir) throws Exception {
        List<String> classPath = List.of("-cp", CLASSES + File.pathSeparator + RUNTIME);
        assertStateComesBack(dir, classPath);
    }

    @Test
    void theReadmeProgramRunsTwiceWithKeepsakeOnTheModulePath(@TempDir Path dir) throws Exception {
        List<String> modulePath = List.of("--module-path", RUNTIME, "--add-modules", "dev.keepsake.jvm",
                "-cp", CLASSES.toString());
        assertStateComesBack(dir, modulePath);

        String resolution = run(dir, concat(List.of("--show-module-resolution"), modulePath));
        assertTrue(resolution.contains("root dev.keepsake.jvm file:"),
                "dev.keepsake.jvm is a named module:\n" + resolution);
        assertTrue(resolution.contains("dev.keepsake.jvm requires dev.keepsake.core"),
                "dev.keepsake.core is resolved as the module jvm requires:\n" + resolution);
        assertTrue(resolution.contains("dev.keepsake.jvm requires org.xerial.sqlitejdbc"),
                "the SQLite driver comes with keepsake-jvm:\n" + resolution);
    }

    private static void assertStateComesBack(Path dir, List<String> javaPaths) throws Exception {
        String first = run(dir, javaPaths);
        assertTrue(first.contains("theme: light"), "the first run starts from the initial settings: " + first);
        assertTrue(first.contains("checkout: CART"), "the first run starts the machine in CART: " + first);
        String second = run(dir, javaPaths);
        assertTrue(second.contains("theme: dark"), "the second run reads the updated settings: " + second);
        assertTrue(second.contains("checkout: ADDRESS"), "the second run resumes the machine: " + second);
    }

    private static String run(Path dir, List<String> javaPaths) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaPaths);
        command.add(program());
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the README program finishes");
        assertEquals(0, process.exitValue(), "the README program exits normally:\n" + output);
        return output;
    }

    /** The README's complete program: the one top-level class that is not a wrapped snippet. */
    static String program() throws Exception {
        try (Stream<Path> files = Files.list(CLASSES)) {
            List<String> programs = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("ReadmeSnippet"))
                    .map(n -> n.substring(0, n.length() - ".class".length())).toList();
            assertEquals(1, programs.size(), "one README program in " + CLASSES + ": " + programs);
            return programs.get(0);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
