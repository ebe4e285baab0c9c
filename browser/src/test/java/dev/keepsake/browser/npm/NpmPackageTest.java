package dev.keepsake.browser.npm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.JsonObject;
import dev.keepsake.core.codec.JsonString;
import dev.keepsake.core.codec.JsonValue;
import dev.keepsake.core.codec.Serializers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The npm package the build packs ({@code target/npm/keepsake.tgz}, by {@code npm pack}), read
 * from the tarball itself: exactly the files it should hold, the builds as terser left them,
 * and a package.json whose exports map (types first) names only files it has.
 */
class NpmPackageTest {

    private static final Path WEB = Paths.get(System.getProperty("keepsake.web.dir", "target/web"));
    private static final Path TARBALL = Paths.get(System.getProperty("keepsake.npm.dir", "target/npm"))
            .resolve("keepsake.tgz");
    /** Everything the package holds (npm adds package.json, README.md and LICENSE itself). */
    private static final List<String> CONTENTS = List.of(
            "LICENSE", "README.md", "keepsake-kv.d.ts", "keepsake-kv.js", "keepsake-sync-wasm.d.ts",
            "keepsake-sync-wasm.js", "keepsake-sync.d.ts", "keepsake-sync.js", "keepsake-sync.wasm",
            "keepsake-wasm.d.ts", "keepsake-wasm.js",
            "keepsake.d.ts", "keepsake.js", "keepsake.wasm", "keepsake.wasm-runtime.js", "package.json",
            "pinia.d.ts", "pinia.js", "redux-persist.d.ts", "redux-persist.js", "zustand.d.ts", "zustand.js");
    private static final List<String> ENTRIES = List.of(
            ".", "./kv", "./wasm", "./sync", "./sync/wasm", "./zustand", "./redux-persist", "./pinia",
            "./keepsake.wasm",
            "./keepsake-sync.wasm", "./package.json");

    private static Map<String, byte[]> files;
    private static JsonObject manifest;

    @BeforeAll
    static void unpack() throws IOException {
        assertTrue(Files.isRegularFile(TARBALL), "the build packs " + TARBALL + " (npm-pack in browser/pom.xml)");
        files = untar(TARBALL);
        manifest = (JsonObject) Serializers.json(Codecs.json()).deserialize(files.get("package.json"));
    }

    @Test
    void theTarballHoldsExactlyThePackagesFiles() {
        assertEquals(CONTENTS, new ArrayList<>(files.keySet()));
    }

    @Test
    void theBuildsArePackedAsTheBuildLeftThem() throws IOException {
        for (String name : List.of("keepsake.js", "keepsake-kv.js", "keepsake.wasm", "keepsake.wasm-runtime.js",
                "keepsake.d.ts", "keepsake-kv.d.ts", "keepsake-sync.js", "keepsake-sync.d.ts", "keepsake-sync.wasm")) {
            assertArrayEquals(Files.readAllBytes(WEB.resolve(name)), files.get(name), name + " differs from " + WEB);
        }
    }

    @Test
    void theManifestIsAnEsModulePackageVersionedByThePom() {
        assertEquals("keepsake", text(manifest.get("name")));
        assertEquals(System.getProperty("keepsake.version", "0.1.0-SNAPSHOT"), text(manifest.get("version")));
        assertEquals("module", text(manifest.get("type")));
        assertEquals("Apache-2.0", text(manifest.get("license")));
        assertEquals(null, manifest.get("//"), "the template's note stays out of the package");
    }

    @Test
    void everyCodeEntryNamesItsTypesFirstAndOnlyFilesThePackageHas() {
        JsonObject exports = assertInstanceOf(JsonObject.class, manifest.get("exports"));
        assertEquals(ENTRIES, new ArrayList<>(exports.members().keySet()));
        for (Map.Entry<String, JsonValue> entry : exports.members().entrySet()) {
            if (entry.getValue() instanceof JsonString file) {
                assertTrue(files.containsKey(file.value().substring(2)), entry.getKey() + " -> " + file.value());
                continue;
            }
            JsonObject conditions = assertInstanceOf(JsonObject.class, entry.getValue(), entry.getKey());
            assertEquals(List.of("types", "default"), new ArrayList<>(conditions.members().keySet()), entry.getKey());
            String types = text(conditions.get("types")).substring(2);
            String code = text(conditions.get("default")).substring(2);
            assertTrue(files.containsKey(types) && types.endsWith(".d.ts"), entry.getKey() + " types " + types);
            assertTrue(files.containsKey(code) && code.endsWith(".js"), entry.getKey() + " code " + code);
            assertEquals(code.replace(".js", ".d.ts"), types, entry.getKey() + ": declarations beside the code");
        }
    }

    @Test
    void theWasmLoadersLookBesideThemselvesUnlessTold() {
        for (String build : List.of("keepsake", "keepsake-sync")) {
            String loader = new String(files.get(build + "-wasm.js"), StandardCharsets.UTF_8);
            assertTrue(loader.contains("new URL(\"./" + build + ".wasm\", import.meta.url)"), loader);
            assertTrue(loader.contains("from \"./keepsake.wasm-runtime.js\""), loader);
        }
    }

    private static String text(JsonValue value) {
        return assertInstanceOf(JsonString.class, value).value();
    }

    /** The regular files of a gzipped tar, by name under "package/", sorted. */
    private static Map<String, byte[]> untar(Path tarball) throws IOException {
        Map<String, byte[]> result = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte[] body = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (header[156] == '0' || header[156] == 0) {
                    assertTrue(path.startsWith("package/"), path);
                    result.put(path.substring("package/".length()), body);
                }
            }
        }
        return result;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
