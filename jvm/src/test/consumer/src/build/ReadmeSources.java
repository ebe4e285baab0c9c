import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the README's Java blocks, as printed, into the consumer project's sources: the complete
 * program as its own file, the contract test (a block that extends StorageBackendContract) as a
 * test source, and every other block as the members of a class {@code ReadmeSnippetN} that
 * imports each package the Keepsake modules on the class path export.
 *
 * Each {@code ```xml} block of the README (the dependencies a Java user adds) must appear in this
 * project's POM, line by line once indentation is set aside, so what the README tells a user to
 * add is what this build depends on.
 *
 * <p>Run by the source launcher: {@code java --class-path CP ReadmeSources.java README POM MAIN TEST}.
 */
public class ReadmeSources {

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args[0]);
        Path pom = Path.of(args[1]);
        Path main = recreate(Path.of(args[2]));
        Path test = recreate(Path.of(args[3]));
        List<String> blocks = blocks(readme, "java");

        String pomLines = stripIndentation(Files.readString(pom, StandardCharsets.UTF_8));
        List<String> xml = blocks(readme, "xml");
        for (String block : xml) {
            if (!("\n" + pomLines).contains("\n" + stripIndentation(block))) {
                throw new IllegalStateException("this README block is not in " + pom + ":\n" + block);
            }
        }
        if (xml.isEmpty()) {
            throw new IllegalStateException(readme + " shows no dependency (no ```xml block)");
        }

        StringBuilder imports = new StringBuilder();
        for (String pkg : exportedKeepsakePackages()) {
            imports.append("import ").append(pkg).append(".*;\n");
        }
        imports.append("import java.nio.file.*;\nimport java.time.Duration;\nimport java.util.*;\n");

        int programs = 0;
        int contractTests = 0;
        int snippets = 0;
        for (String block : blocks) {
            if (block.contains("public static void main(")) {
                Files.writeString(main.resolve(className(block) + ".java"), block, StandardCharsets.UTF_8);
                programs++;
            } else if (block.contains("extends StorageBackendContract")) {
                Files.writeString(test.resolve(className(block) + ".java"), block, StandardCharsets.UTF_8);
                contractTests++;
            } else {
                snippets++;
                String name = "ReadmeSnippet" + snippets;
                Files.writeString(main.resolve(name + ".java"),
                        imports + "public class " + name + " {\n" + block + "}\n", StandardCharsets.UTF_8);
            }
        }
        if (programs != 1 || contractTests != 1 || snippets == 0) {
            throw new IllegalStateException(readme + " should have one Java program, one contract test and"
                    + " some snippets; found " + programs + ", " + contractTests + " and " + snippets);
        }
        System.out.println("README: 1 Java program, 1 contract test, " + snippets + " snippets; "
                + xml.size() + " dependency blocks found in " + pom.getFileName());
    }

    private static String stripIndentation(String text) {
        StringBuilder lines = new StringBuilder();
        text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .forEach(line -> lines.append(line).append('\n'));
        return lines.toString();
    }

    /** Returns the text of every block fenced with {@code ```language}, in order. */
    private static List<String> blocks(Path readme, String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
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
            throw new IllegalStateException("an unclosed ```" + language + " block in " + readme);
        }
        return blocks;
    }

    private static String className(String block) {
        int at = block.indexOf("public class ");
        if (at < 0) {
            throw new IllegalStateException("a complete README class without 'public class':\n" + block);
        }
        return block.substring(at + "public class ".length()).split("[\\s<{]", 2)[0];
    }

    /** The packages each {@code dev.keepsake} module on the class path exports (all of an automatic one's). */
    private static TreeSet<String> exportedKeepsakePackages() {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            for (ModuleReference module : ModuleFinder.of(Path.of(entry)).findAll()) {
                ModuleDescriptor descriptor = module.descriptor();
                if (!descriptor.name().startsWith("dev.keepsake.")) {
                    continue;
                }
                if (descriptor.isAutomatic()) {
                    packages.addAll(descriptor.packages());
                } else {
                    descriptor.exports().stream().filter(e -> !e.isQualified())
                            .forEach(e -> packages.add(e.source()));
                }
            }
        }
        if (packages.isEmpty()) {
            throw new IllegalStateException("no dev.keepsake module on the class path");
        }
        return packages;
    }

    private static Path recreate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
