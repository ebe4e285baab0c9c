package dev.keepsake.browser.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.NodeTools;
import dev.keepsake.core.ReadmeBlocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@code keepsake.d.ts}, {@code keepsake-kv.d.ts} and {@code keepsake-sync.d.ts} with the real TypeScript
 * compiler
 * (5.x from npm, installed into {@code target/typescript} on first use): the example page code
 * compiles under {@code --strict}, so does every JavaScript block of the README exactly as
 * printed (as a TypeScript module), and each deliberate misuse in {@code misuse.ts},
 * {@code misuse-kv.ts} and {@code misuse-sync.ts} is rejected. Without npm the
 * test is skipped, unless {@code browser.tests.required} is true (CI), where it fails.
 */
class TypeScriptDeclarationsTest {

    private static final Path SOURCES = Paths.get("src/main/ts");
    private static final Path WORK = Paths.get("target/typescript");

    private Path tsc;

    @BeforeEach
    void installTypeScript() throws Exception {
        NodeTools.requireNode("the TypeScript check");
        tsc = WORK.resolve("node_modules/typescript/bin/tsc");
        NodeTools.install(WORK, tsc, "typescript@5");
        Path src = WORK.resolve("src");
        Files.createDirectories(src);
        for (String name : List.of("keepsake.d.ts", "example.ts", "misuse.ts", "keepsake-kv.d.ts",
                "example-kv.ts", "misuse-kv.ts", "keepsake-sync.d.ts", "example-sync.ts", "misuse-sync.ts")) {
            Files.copy(SOURCES.resolve(name), src.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.ts", "example-kv.ts", "example-sync.ts"})
    void theExampleCompilesStrictlyAgainstTheDeclarations(String example) throws Exception {
        NodeTools.Result result = tsc(example);
        assertEquals(0, result.exit(), "tsc found errors:\n" + result.output());
    }

    @Test
    void everyReadmeJavaScriptBlockTypeChecksStrictlyAsPrinted() throws Exception {
        List<String> blocks = ReadmeBlocks.of("js");
        assertTrue(!blocks.isEmpty(), "the README has JavaScript blocks");
        for (int i = 0; i < blocks.size(); i++) {
            String name = "readme-" + (i + 1) + ".ts";
            Files.writeString(WORK.resolve("src").resolve(name), blocks.get(i), StandardCharsets.UTF_8);
            // Top-level await, as a page's module script may use it.
            NodeTools.Result result = NodeTools.run(WORK, List.of(NodeTools.onPath("node"),
                    tsc.toAbsolutePath().toString(), "--noEmit", "--strict", "--pretty", "false", "--target", "es2022",
                    "--module", "es2022", "--moduleResolution", "bundler", "--lib", "es2022,dom",
                    WORK.resolve("src").resolve(name).toAbsolutePath().toString()), 120);
            assertEquals(0, result.exit(),
                    "README JavaScript block " + (i + 1) + " fails tsc --strict:\n" + result.output());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"misuse.ts", "misuse-kv.ts", "misuse-sync.ts"})
    void misuseIsRejectedLineByLine(String misuse) throws Exception {
        NodeTools.Result result = tsc(misuse);
        List<String> expected = new ArrayList<>();
        List<String> lines = Files.readAllLines(SOURCES.resolve(misuse));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// error:")) {
                expected.add(misuse + "(" + (i + 1) + ",");
            }
        }
        assertTrue(result.exit() != 0, "tsc accepted " + misuse);
        for (String location : expected) {
            assertTrue(result.output().contains(location), "no error reported at " + location + "\n" + result.output());
        }
        assertEquals(expected.size(), result.output().split("error TS", -1).length - 1, result.output());
    }

    private NodeTools.Result tsc(String file) throws Exception {
        return NodeTools.run(WORK, List.of(NodeTools.onPath("node"), tsc.toAbsolutePath().toString(), "--noEmit",
                "--strict", "--pretty", "false",
                "--target", "es2020", "--module", "es2020", "--moduleResolution", "bundler", "--lib", "es2020,dom",
                WORK.resolve("src").resolve(file).toAbsolutePath().toString()), 120);
    }
}
