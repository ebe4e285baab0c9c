package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Each Keepsake artifact this project uses is published with its sources and its javadoc. */
class PublishedArtifactsTest {

    @Test
    void everyKeepsakeJarHasSourcesAndJavadocBesideIt() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.startsWith("keepsake-") || !name.endsWith(".jar")) {
                continue;
            }
            String base = name.substring(0, name.length() - ".jar".length());
            Path sources = jar.resolveSibling(base + "-sources.jar");
            Path javadoc = jar.resolveSibling(base + "-javadoc.jar");
            assertTrue(Files.isRegularFile(sources), "published beside " + name + ": " + sources.getFileName());
            assertTrue(Files.isRegularFile(javadoc), "published beside " + name + ": " + javadoc.getFileName());
            try (JarFile s = new JarFile(sources.toFile()); JarFile d = new JarFile(javadoc.toFile())) {
                assertTrue(s.stream().anyMatch(e -> e.getName().endsWith(".java")), sources + " holds Java sources");
                assertTrue(d.getEntry("index.html") != null, javadoc + " holds a javadoc site");
                if (!name.startsWith("keepsake-testing")) {
                    String module = name.startsWith("keepsake-core") ? "dev.keepsake.core" : "dev.keepsake.jvm";
                    assertTrue(d.getEntry(module + "/module-summary.html") != null,
                            javadoc + " documents module " + module);
                    assertTrue(s.getEntry("module-info.java") != null, sources + " holds the module descriptor");
                }
            }
            checked.add(base.substring(0, base.indexOf('-', "keepsake-".length())));
        }
        assertEquals(List.of("keepsake-core", "keepsake-jvm", "keepsake-testing"), checked.stream().sorted().toList());
    }
}
