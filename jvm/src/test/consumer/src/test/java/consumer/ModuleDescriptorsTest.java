package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Keepsake jars a Java user gets declare their modules: what they require and export. */
class ModuleDescriptorsTest {

    /** An internal package may be exported to a Keepsake module (core's, to jvm), never to users. */
    @Test
    void coreAndJvmAreNamedModulesThatExportNoInternalPackageToUsers() {
        Map<String, ModuleDescriptor> modules = keepsakeModules();
        assertEquals(Set.of("dev.keepsake.core", "dev.keepsake.jvm"), modules.keySet(),
                "keepsake-jvm's run-time class path holds these Keepsake modules");
        for (ModuleDescriptor module : modules.values()) {
            assertFalse(module.isAutomatic(), module.name() + " has a module-info");
            for (ModuleDescriptor.Exports export : module.exports()) {
                if (export.source().contains(".internal")) {
                    assertTrue(export.isQualified() && export.targets().stream()
                            .allMatch(target -> target.startsWith("dev.keepsake.")),
                            module.name() + " exports " + export);
                }
            }
            assertTrue(module.exports().size() > 0, module.name() + " exports its API");
        }
    }

    @Test
    void jvmRequiresJavaSqlAndTheSqliteDriverAndCoreRequiresOnlyJavaBase() {
        Map<String, ModuleDescriptor> modules = keepsakeModules();
        Set<String> jvm = requires(modules.get("dev.keepsake.jvm"), false);
        assertTrue(jvm.containsAll(Set.of("dev.keepsake.core", "java.sql", "org.xerial.sqlitejdbc")),
                "jvm requires " + jvm);
        assertTrue(modules.get("dev.keepsake.jvm").requires().stream()
                .anyMatch(r -> r.name().equals("dev.keepsake.core")
                        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
                "jvm's API shows core's types");
        assertEquals(Set.of("java.base"), requires(modules.get("dev.keepsake.core"), false),
                "core needs nothing but java.base at run time");
    }

    private static Set<String> requires(ModuleDescriptor module, boolean withStatic) {
        return module.requires().stream()
                .filter(r -> withStatic || !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Map<String, ModuleDescriptor> keepsakeModules() {
        Map<String, ModuleDescriptor> modules = new TreeMap<>();
        for (String entry : ReadmeProgramTest.RUNTIME.split(File.pathSeparator)) {
            for (ModuleReference module : ModuleFinder.of(Path.of(entry)).findAll()) {
                if (module.descriptor().name().startsWith("dev.keepsake.")) {
                    modules.put(module.descriptor().name(), module.descriptor());
                }
            }
        }
        return modules;
    }
}
