package dev.keepsake.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.ReadmeBlocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module descriptors of core and jvm ({@code src/main/module/module-info.java}) export every
 * package of their module except the {@code internal} ones, which they export only to named
 * Keepsake modules, if at all: a new package is public API only once its descriptor says so.
 * The consumer project (src/test/consumer) checks the built jars.
 */
class ModuleDescriptorSourcesTest {

    private static final Pattern EXPORTS = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*(to\\s+[^;]+)?;",
            Pattern.MULTILINE);

    @Test
    void coreExportsEveryPackageButItsInternalOnes() throws IOException {
        assertExportsEveryPackageButInternal("core", "dev.keepsake.core");
    }

    @Test
    void jvmExportsEveryPackageButItsInternalOnes() throws IOException {
        assertExportsEveryPackageButInternal("jvm", "dev.keepsake.jvm");
    }

    private static void assertExportsEveryPackageButInternal(String folder, String moduleName) throws IOException {
        Path module = ReadmeBlocks.readme().getParent().resolve(folder);
        String descriptor = Files.readString(module.resolve("src/main/module/module-info.java"),
                StandardCharsets.UTF_8);
        assertTrue(descriptor.contains("module " + moduleName + " {"), folder + "'s descriptor names " + moduleName);

        TreeSet<String> packages = new TreeSet<>();
        Path sources = module.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("package-info.java"))
                    .forEach(f -> packages.add(sources.relativize(f.getParent()).toString().replace('/', '.')));
        }
        TreeSet<String> api = new TreeSet<>();
        TreeSet<String> internal = new TreeSet<>();
        for (String pkg : packages) {
            (pkg.endsWith(".internal") || pkg.contains(".internal.") ? internal : api).add(pkg);
        }

        TreeSet<String> exported = new TreeSet<>();
        Matcher exports = EXPORTS.matcher(descriptor);
        while (exports.find()) {
            String pkg = exports.group(1);
            if (internal.contains(pkg)) {
                String to = exports.group(2);
                assertTrue(to != null
                        && to.replace("to", "").strip()
                                .matches("dev\\.keepsake\\.[\\w.]+(\\s*,\\s*dev\\.keepsake\\.[\\w.]+)*"),
                        moduleName + " exports " + pkg + " only to Keepsake modules: " + exports.group());
            } else {
                assertTrue(exports.group(2) == null, moduleName + " exports its API to everyone: " + exports.group());
                exported.add(pkg);
            }
        }
        assertEquals(api, exported, moduleName + " exports exactly its packages that are not internal");
    }
}
