package dev.keepsake.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.ReadmeBlocks;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.JsonValue;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.jvm.sql.SqliteBackend;
import dev.keepsake.testing.StorageBackendContract;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;

/**
 * The README's Java blocks, compiled exactly as printed against this module's classpath: the
 * complete program runs twice in a fresh folder (its state must come back on the second run),
 * and every other block compiles and runs as the members of a class that imports every
 * {@code dev.keepsake} package.
 */
class ReadmeExamplesTest {

    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @Test
    void theReadmeProgramCompilesAsPrintedAndItsStateComesBackOnTheNextRun(@TempDir Path dir) throws Exception {
        List<String> programs = ReadmeBlocks.of("java").stream()
                .filter(block -> block.contains("public static void main(")).toList();
        assertEquals(1, programs.size(), "the README has one complete Java program");
        String program = programs.get(0);
        String name = program.substring(program.indexOf("public class ") + 13).split("\\s")[0];
        Path classes = compile(dir, List.of(new Source(name, program)));

        String first = run(dir, classes, name);
        assertTrue(first.contains("theme: light"), "the first run starts from the initial settings: " + first);
        assertTrue(first.contains("checkout: CART"), "the first run starts the machine in CART: " + first);
        String second = run(dir, classes, name);
        assertTrue(second.contains("theme: dark"), "the second run reads the updated settings: " + second);
        assertTrue(second.contains("checkout: ADDRESS"), "the second run resumes the machine: " + second);

        try (ThreadScheduler scheduler = ThreadScheduler.create();
             SqliteBackend db = SqliteBackend.open(dir.resolve("app.db"))) {
            PersistenceManager<JsonValue> users = PersistenceManager
                    .builder(db, Serializers.json(Codecs.json()), scheduler)
                    .config(PersistenceConfig.builder().keyPrefix("users").build()).build();
            Optional<JsonValue> user = JvmAsync.toFuture(users.load("42")).join();
            assertTrue(user.isPresent(), "the program saved user 42");
            assertTrue(user.get().toString().contains("solarized"), "user 42 is what the program saved: " + user.get());
            JvmAsync.toFuture(users.close()).join();
        }
    }

    @Test
    void everyOtherReadmeJavaBlockCompilesAndRunsAsPrinted(@TempDir Path dir) throws Exception {
        List<String> snippets = ReadmeBlocks.of("java").stream()
                .filter(block -> !block.contains("public static void main(") && !isContractTest(block)).toList();
        assertFalse(snippets.isEmpty(), "the README has Java snippets");
        StringBuilder imports = new StringBuilder();
        for (String pkg : keepsakePackages()) {
            imports.append("import ").append(pkg).append(".*;\n");
        }
        imports.append("import java.nio.file.*;\nimport java.time.Duration;\nimport java.util.*;\n");
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String name = "ReadmeSnippet" + (i + 1);
            sources.add(new Source(name, imports + "public class " + name + " {\n" + snippets.get(i) + "}\n"));
        }
        Path classes = compile(dir, sources);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExamplesTest.class.getClassLoader())) {
            for (Source source : sources) {
                // Instantiating runs the snippet: its statements are field initializers.
                loader.loadClass(source.name()).getConstructor().newInstance();
            }
        }
    }

    @Test
    void theReadmeContractTestRunsTheWholeSuiteAgainstItsBackendAndPasses(@TempDir Path dir) throws Exception {
        List<String> tests = ReadmeBlocks.of("java").stream().filter(ReadmeExamplesTest::isContractTest).toList();
        assertEquals(1, tests.size(), "the README has one contract test for a backend of one's own");
        String test = tests.get(0);
        String name = test.substring(test.indexOf("public class ") + 13).split("\\s")[0];
        Path classes = compile(dir, List.of(new Source(name, test)));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExamplesTest.class.getClassLoader())) {
            Result result = JUnitCore.runClasses(loader.loadClass(name));
            List<String> failures = result.getFailures().stream().map(Failure::toString).toList();
            assertEquals(List.of(), failures, "the README's backend passes the contract suite");
            long suite = Stream.of(StorageBackendContract.class.getMethods())
                    .filter(method -> method.isAnnotationPresent(org.junit.Test.class)).count();
            assertEquals(suite, result.getRunCount(), "every test of the suite ran against the README's backend");
        }
    }

    /** Whether {@code block} is a complete class that runs the backend contract suite. */
    private static boolean isContractTest(String block) {
        return block.contains("extends StorageBackendContract");
    }

    private record Source(String name, String text) {
    }

    private static Path compile(Path dir, List<Source> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", CLASS_PATH,
                "--release", "17", "-Xlint:none", "-proc:none"));
        for (Source source : sources) {
            Path file = src.resolve(source.name() + ".java");
            Files.writeString(file, source.text(), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertEquals(0, status,
                "the README's Java does not compile as printed:\n" + errors.toString(StandardCharsets.UTF_8));
        return classes;
    }

    private static String run(Path dir, Path classes, String mainClass) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", classes + File.pathSeparator + CLASS_PATH,
                mainClass)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the README program finishes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "the README program exits normally:\n" + output);
        return output;
    }

    /** Returns every {@code dev.keepsake} package with a public class on the test classpath. */
    private static TreeSet<String> keepsakePackages() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : CLASS_PATH.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(path.relativize(f).toString().replace(File.separatorChar, '/')));
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    jar.stream().forEach(e -> names.add(e.getName()));
                }
            }
            for (String name : names) {
                if (name.startsWith("dev/keepsake/") && name.endsWith(".class") && !name.contains("$")
                        && !name.endsWith("package-info.class") && !name.endsWith("module-info.class")) {
                    packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                }
            }
        }
        return packages;
    }
}
