package dev.keepsake.browser.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.BrowserSession;
import dev.keepsake.core.ReadmeBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's JavaScript blocks, exactly as printed, run as ES modules beside the
 * {@code keepsake.js} and {@code keepsake-kv.js} of the npm package the build packed
 * ({@code target/npm/package}, served under {@code /pkg/}) in Chromium: each runs to its end on
 * a first visit and again after a reload (its stored state read back), with no exception, no
 * unhandled rejection and no console error.
 */
class ReadmeJsExamplesTest {

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    /** Imports the module, lets its debounced saves run, and reports every problem it caused. */
    private static final String RUN = ""
            + "const problems = [];"
            + "window.addEventListener('unhandledrejection', e => problems.push('unhandled rejection: ' + e.reason));"
            + "const error = console.error; console.error = (...args) => { problems.push('console.error: ' + "
            + "args.join(' ')); error(...args); };"
            + "try { await import(MODULE); } catch (e) { problems.push('threw: ' + e); }"
            + "await new Promise(resolve => setTimeout(resolve, 1500));"
            + "return problems.length === 0 ? 'ran' : problems.join('; ');";

    private static final Path PACKAGE = Paths.get(System.getProperty("keepsake.npm.dir", "target/npm"))
            .resolve("package");

    @Test
    void everyReadmeJavaScriptBlockRunsAsPrintedOnAFirstVisitAndAfterAReload() throws IOException {
        List<String> blocks = ReadmeBlocks.of("js");
        assertFalse(blocks.isEmpty(), "the README has JavaScript blocks");
        assertTrue(Files.isRegularFile(PACKAGE.resolve("package.json")), "the build stages the package in " + PACKAGE);
        try (Stream<Path> files = Files.list(PACKAGE)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                browser.serve("/pkg/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            String module = "/pkg/readme-" + (i + 1) + ".js";
            browser.serve(module, blocks.get(i));
            String run = RUN.replace("MODULE", "'" + module + "'");
            browser.open("/pages/module.html");
            assertEquals("ran", browser.run(run), "README JavaScript block " + (i + 1) + " on a first visit");
            browser.open("/pages/module.html");
            assertEquals("ran", browser.run(run), "README JavaScript block " + (i + 1) + " after a reload");
        }
    }
}
