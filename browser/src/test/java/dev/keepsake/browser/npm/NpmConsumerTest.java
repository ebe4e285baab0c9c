package dev.keepsake.browser.npm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.BrowserSession;
import dev.keepsake.browser.page.NodeTools;
import dev.keepsake.core.ReadmeBlocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app that installs the packed tarball: the fixture in {@code src/test/npm-consumer} (its
 * own lockfile, installed once by {@code npm ci} into {@code target/npm-consumer} and reused
 * while the lockfile is unchanged) gets {@code keepsake.tgz} by {@code npm install}, is checked
 * by {@code tsc --strict} against the package's declarations and the real zustand, redux,
 * redux-persist, pinia and pinia-plugin-persistedstate, and is bundled by esbuild into pages
 * that Chromium runs; Vite builds a page of the wasm loader. The README's {@code ```ts} blocks that
 * import the package are pages too.
 */
class NpmConsumerTest {

    private static final Path FIXTURE = Paths.get("src/test/npm-consumer");
    private static final Path WORK = Paths.get("target/npm-consumer");
    private static final Path WEB = Paths.get(System.getProperty("keepsake.web.dir", "target/web"));
    private static final Path TARBALL = Paths.get(System.getProperty("keepsake.npm.dir", "target/npm"))
            .resolve("keepsake.tgz");
    /** What the fixture's own code and esbuild's module wrapper may add to keepsake-kv.js. */
    private static final long KV_BUNDLE_ALLOWANCE = 2048;

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private static List<String> readmeBlocks;
    private static NodeTools.Result misuse;

    @BeforeAll
    static void installAndBundle() throws Exception {
        String node = NodeTools.require("node", "the npm package tests");
        String npm = NodeTools.require("npm", "the npm package tests");
        assertTrue(Files.isRegularFile(TARBALL), "the build packs " + TARBALL);
        // The fixture's files over the previous run's (node_modules stays; source folders are replaced).
        for (String dir : List.of("src", "misuse", "vite-app")) {
            delete(WORK.resolve(dir));
        }
        try (Stream<Path> files = Files.walk(FIXTURE).filter(f -> !f.toString().contains("node_modules"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = WORK.resolve(FIXTURE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        readmeBlocks = new ArrayList<>();
        for (String block : ReadmeBlocks.of("ts")) {
            if (block.contains("from \"keepsake")) {
                readmeBlocks.add(block);
                Files.writeString(WORK.resolve("src/readme-" + readmeBlocks.size() + ".ts"), block);
            }
        }
        // npm ci once per lockfile: the stamp is the lockfile it installed.
        Path stamp = WORK.resolve("node_modules/.keepsake-installed-lock.json");
        byte[] lock = Files.readAllBytes(FIXTURE.resolve("package-lock.json"));
        if (!Files.isRegularFile(stamp) || !Arrays.equals(lock, Files.readAllBytes(stamp))) {
            expectSuccess(List.of(npm, "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"), 600);
            Files.write(stamp, lock);
        }
        expectSuccess(List.of(npm, "install", "--no-save", "--prefer-offline", "--no-audit", "--no-fund",
                "--loglevel=error", TARBALL.toAbsolutePath().toString()), 300);
        for (String project : List.of("tsconfig.json", "tsconfig.package.json")) {
            expectSuccess(List.of(node, "node_modules/typescript/bin/tsc", "-p", project, "--pretty", "false"), 300);
        }
        misuse = NodeTools.run(WORK, List.of(node, "node_modules/typescript/bin/tsc", "-p", "tsconfig.misuse.json",
                "--pretty", "false"), 300);
        expectSuccess(List.of(node, "build.mjs"), 300);
    }

    @Test
    void theAdaptersAndTheWasmLoaderRejectMisuseLineByLine() throws IOException {
        List<String> lines = Files.readAllLines(FIXTURE.resolve("misuse/adapters.ts"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// error:")) {
                expected.add("misuse/adapters.ts(" + (i + 1) + ",");
            }
        }
        assertTrue(misuse.exit() != 0, "tsc accepted misuse/adapters.ts");
        for (String location : expected) {
            assertTrue(misuse.output().contains(location), "no error at " + location + "\n" + misuse.output());
        }
        assertEquals(expected.size(), misuse.output().split("error TS", -1).length - 1, misuse.output());
    }

    @Test
    void theKvEntryBundlesToTheKeyValueBuildNotTheWholeApi() throws IOException {
        long kvBundle = Files.size(WORK.resolve("dist/kv.js"));
        long wholeBundle = Files.size(WORK.resolve("dist/whole.js"));
        long kvBuild = Files.size(WEB.resolve("keepsake-kv.js"));
        long wholeBuild = Files.size(WEB.resolve("keepsake.js"));
        assertTrue(wholeBundle >= wholeBuild * 9 / 10, "the whole API's bundle (" + wholeBundle
                + " bytes) carries keepsake.js (" + wholeBuild + "), else this test compares nothing");
        assertTrue(kvBundle <= kvBuild + KV_BUNDLE_ALLOWANCE, "importing keepsake/kv bundles " + kvBundle
                + " bytes; keepsake-kv.js is " + kvBuild + ", keepsake.js " + wholeBuild);
    }

    @Test
    void aKeyValueLayerFromTheKvEntryKeepsAValueAcrossAReload() {
        open("kv");
        assertEquals("ok", browser.run("await keepsake.kv.set('draft', { text: 'hello' }); return 'ok';"));
        open("kv");
        assertEquals("hello", browser.run("return (await keepsake.kv.get('draft')).text;"));
    }

    @Test
    void aStoreFromTheWholeApiIsRestoredAfterAReload() {
        open("whole");
        assertEquals(0L, browser.run("return keepsake.board.get().notes.length;"));
        browser.run("keepsake.board.update(b => ({ notes: [...b.notes, 'milk'] })); await keepsake.board.flush();");
        open("whole");
        assertEquals("milk", browser.run("return keepsake.board.get().notes.join();"));
    }

    @Test
    void theWasmLoaderFindsKeepsakeWasmBesideTheBundle() {
        open("wasm");
        assertEquals("wasm",
                browser.run("return await keepsake.roundTrip(await keepsake.loadKeepsake(), 'npm-wasm');"));
    }

    @Test
    void theSyncEntryAndItsWasmLoaderKeepWritesLocallyWhileOffline() {
        open("sync");
        browser.assertChecks(Map.of("keepsake/sync", "npm-sync-js", "keepsake/sync/wasm", "npm-sync-wasm"), ""
                + "return {'keepsake/sync': await keepsake.roundTrip(keepsake.openKeyValue, 'npm-sync-js'),"
                + " 'keepsake/sync/wasm': await keepsake.roundTrip((await keepsake.loadKeepsakeSync()).openKeyValue,"
                + " 'npm-sync-wasm')};");
    }

    @Test
    void theWasmLoaderTakesAnotherUrlOrTheBytes() throws IOException {
        byte[] wasm = Files.readAllBytes(WORK.resolve("dist/keepsake.wasm"));
        browser.serve("/elsewhere/k.wasm", wasm);
        open("wasm");
        assertEquals("wasm", browser.run("return await keepsake.roundTrip("
                + "await keepsake.loadKeepsake({ wasm: '/elsewhere/k.wasm' }), 'npm-wasm-string');"));
        assertEquals("wasm", browser.run("return await keepsake.roundTrip("
                + "await keepsake.loadKeepsake({ wasm: new URL('/elsewhere/k.wasm', location.href) }), "
                + "'npm-wasm-url');"));
        assertEquals("wasm", browser.run("const bytes = await (await fetch('/elsewhere/k.wasm')).arrayBuffer();"
                + "return await keepsake.roundTrip(await keepsake.loadKeepsake({ wasm: bytes }), 'npm-wasm-bytes');"));
        assertEquals("rejected", browser.run("try { await keepsake.loadKeepsake({ wasm: '/nowhere/k.wasm' });"
                + " return 'loaded'; } catch (e) { return 'rejected'; }"), "the override is what is fetched");
        assertEquals("TypeError", browser.run("try { await keepsake.loadKeepsake({ wasm: 42 }); return 'loaded'; }"
                + " catch (e) { return e.name; }"));
    }

    @Test
    void viteEmitsKeepsakeWasmAndTheLoaderFindsItWithoutOptions() throws IOException {
        Path dist = WORK.resolve("dist-vite");
        List<Path> wasm;
        try (Stream<Path> files = Files.walk(dist)) {
            wasm = files.filter(f -> f.toString().endsWith(".wasm")).toList();
        }
        assertEquals(1, wasm.size(), "Vite emits keepsake.wasm once: " + wasm);
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                browser.serve("/vite/" + dist.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        browser.open("/vite/index.html");
        assertEquals("vite", browser.run("const kv = keepsake.openKeyValue({ name: 'npm-vite' });"
                + " await kv.set('k', 'vite'); return await kv.get('k');"));
    }

    @Test
    void zustandPersistKeepsItsStateInKeepsakeAcrossAReload() {
        open("zustand");
        assertEquals("", browser.run("await keepsake.hydrated; return keepsake.cart.getState().items.join();"));
        browser.run("for (const item of ['milk', 'eggs', 'tea']) keepsake.cart.getState().add(item);"
                + " await keepsake.kv.flush();");
        // persist's { state, version } is one Keepsake value, and nothing went to localStorage.
        browser.assertChecks(Map.of("stored items", "milk,eggs,tea", "stored version", 0, "in localStorage", "null"),
                "const stored = await keepsake.kv.get('cart');"
                + " return {'stored items': stored.state.items.join(), 'stored version': stored.version,"
                + " 'in localStorage': String(localStorage.getItem('cart'))};");
        open("zustand");
        assertEquals("milk,eggs,tea",
                browser.run("await keepsake.hydrated; return keepsake.cart.getState().items.join();"));
        browser.run("await keepsake.cart.persist.clearStorage(); await keepsake.kv.flush();");
        assertEquals("gone", browser.run("return (await keepsake.kv.get('cart')) === undefined ? 'gone' : 'kept';"),
                "clearStorage removes the value");
    }

    @Test
    void zustandStateIsBatchedAndEncryptedByTheLayerItIsGiven() {
        open("zustand-sealed");
        assertEquals("", browser.run("await keepsake.hydrated; return keepsake.notes.getState().lines.join();"));
        Object writes = browser.run("let writes = 0; const setItem = Storage.prototype.setItem;"
                + " Storage.prototype.setItem = function (...args) { writes++; return setItem.apply(this, args); };"
                + " for (let i = 0; i < 50; i++) keepsake.notes.setState(s => ({ lines: [...s.lines, "
                + "'secret line ' + i] }));"
                + " await keepsake.kv.flush(); Storage.prototype.setItem = setItem; return writes;");
        assertTrue(((Number) writes).intValue() >= 1 && ((Number) writes).intValue() <= 2,
                "50 changes in one task reach localStorage as one batch, not 50 writes: " + writes);
        // Stored values are "<version>.<base64>"; the plain layer's value is the control that
        // shows plaintext would be found.
        // Only the plain layer's value holds the text; the encrypted layer's do not.
        browser.assertChecks(Map.of("values holding the text", 1, "the one holding it is the control", true),
                "await keepsake.plain.set('control', 'secret control');"
                + " await keepsake.plain.flush();"
                + " const found = Object.keys(localStorage).filter(k => {"
                + "   try { return atob(localStorage.getItem(k).split('.').pop()).includes('secret'); }"
                + "   catch (e) { return false; } });"
                + " return {'values holding the text': found.length,"
                + " 'the one holding it is the control': found.length > 0 && found[0].includes('control')};");
        open("zustand-sealed");
        browser.assertChecks(Map.of("lines", 50, "last line", "secret line 49"),
                "await keepsake.hydrated; const lines = keepsake.notes.getState().lines;"
                + " return {'lines': lines.length, 'last line': String(lines[49])};");
    }

    @Test
    void reduxPersistKeepsItsStateInKeepsakeAcrossAReload() {
        open("redux");
        assertEquals("", browser.run("await keepsake.hydrated; return keepsake.store.getState().items.join();"));
        browser.run("for (const item of ['a', 'b']) keepsake.store.dispatch({ type: 'add', item });"
                + " await keepsake.persistor.flush(); await keepsake.kv.flush();");
        // redux-persist's serialized state is a Keepsake value, and nothing went to localStorage.
        browser.assertChecks(Map.of("stored type", "string", "in localStorage", "null"),
                "const stored = await keepsake.kv.get('persist:root');"
                + " return {'stored type': typeof stored, 'in localStorage': "
                + "String(localStorage.getItem('persist:root'))};");
        open("redux");
        assertEquals("a,b", browser.run("await keepsake.hydrated; return keepsake.store.getState().items.join();"));
        browser.run("await keepsake.persistor.purge(); await keepsake.kv.flush();");
        assertEquals("gone",
                browser.run("return (await keepsake.kv.get('persist:root')) === undefined ? 'gone' : 'kept';"),
                "purge removes the value");
    }

    @Test
    void piniaPersistedStateKeepsItsStateInKeepsakeAcrossAReload() {
        open("pinia");
        assertEquals("", browser.run("return keepsake.cart.items.join();"));
        browser.run("keepsake.cart.add('milk'); keepsake.cart.add('eggs');"
                + " await new Promise(r => setTimeout(r, 0)); await keepsake.kv.flush();");
        // The plugin's serialized state is a Keepsake value, and nothing went to localStorage.
        browser.assertChecks(Map.of("stored", "{\"items\":[\"milk\",\"eggs\"]}", "in localStorage", "null"),
                "return {'stored': String(await keepsake.kv.get('cart')),"
                + " 'in localStorage': String(localStorage.getItem('cart'))};");
        open("pinia");
        assertEquals("milk,eggs", browser.run("return keepsake.cart.items.join();"),
                "hydrated when the store was created");
    }

    @Test
    void everyReadmeTypeScriptBlockThatImportsThePackageRunsBundledOnAFirstVisitAndAfterAReload() {
        assertFalse(readmeBlocks.isEmpty(), "the README has ```ts blocks that import keepsake");
        String run = "const problems = [];"
                + "window.addEventListener('unhandledrejection', e => problems.push('unhandled rejection: ' + "
                + "e.reason));"
                + "const error = console.error; console.error = (...args) => { problems.push('console.error: '"
                + " + args.join(' ')); error(...args); };"
                + "try { await import(MODULE); } catch (e) { problems.push('threw: ' + e); }"
                + "await new Promise(resolve => setTimeout(resolve, 1500));"
                + "return problems.length === 0 ? 'ran' : problems.join('; ');";
        serveDist();
        for (int i = 1; i <= readmeBlocks.size(); i++) {
            String module = run.replace("MODULE", "'/npm/readme-" + i + ".js'");
            browser.open("/pages/module.html");
            assertEquals("ran", browser.run(module), "README ts block " + i + " on a first visit");
            browser.open("/pages/module.html");
            assertEquals("ran", browser.run(module), "README ts block " + i + " after a reload");
        }
    }

    /** Opens the bundled page {@code name} (dist/name.js under /npm/), waiting until it is ready. */
    private void open(String name) {
        serveDist();
        browser.serve("/npm/" + name + ".html", "<!doctype html><meta charset=\"utf-8\"><title>" + name + "</title>"
                + "<script>addEventListener('error', e => { window.keepsakeFailure = String(e.message); });</script>"
                + "<script type=\"module\" src=\"/npm/" + name + ".js\"></script>");
        browser.open("/npm/" + name + ".html");
    }

    private void serveDist() {
        try (Stream<Path> files = Files.list(WORK.resolve("dist"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                browser.serve("/npm/" + file.getFileName(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static void expectSuccess(List<String> command, int timeoutSeconds) throws Exception {
        NodeTools.Result result = NodeTools.run(WORK, command, timeoutSeconds);
        assertEquals(0, result.exit(), String.join(" ", command) + " failed:\n" + result.output());
    }
}
