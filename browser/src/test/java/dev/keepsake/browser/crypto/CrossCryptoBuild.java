package dev.keepsake.browser.crypto;

import static org.junit.jupiter.api.Assertions.fail;

import dev.keepsake.browser.page.Chromium;
import dev.keepsake.browser.page.WebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.teavm.backend.javascript.JSModuleType;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.vm.TeaVMOptimizationLevel;

/**
 * Compiles {@link CrossCryptoPage} with TeaVM (optimized, strict) to an ES module and to
 * wasm-gc under {@code target/crosscrypto}, once per test JVM, serves it under {@code /cc/}
 * beside the test pages {@code crosscrypto*.html} and the main build's wasm-gc runtime (the
 * browser tests' {@link WebServer}), and drives Chromium through {@link Chromium}, which skips
 * or fails the calling test without it.
 */
final class CrossCryptoBuild implements AutoCloseable {

    private static final Path OUT = Paths.get("target", "crosscrypto");
    private static boolean compiled;

    private final WebServer server;
    private final Path profile;
    private final ChromeDriver driver;

    private CrossCryptoBuild(WebServer server, Path profile, ChromeDriver driver) {
        this.server = server;
        this.profile = profile;
        this.driver = driver;
    }

    /** Skips (or, when required, fails) without Chromium; else compiles if needed and starts server and browser. */
    static CrossCryptoBuild start() throws Exception {
        Chromium.assumeAvailable();
        compileOnce();
        WebServer server = WebServer.start(Map.of("/cc/", OUT));
        Path profile = Files.createTempDirectory("keepsake-crosscrypto");
        ChromeDriver driver = Chromium.start(profile);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(300));
        return new CrossCryptoBuild(server, profile, driver);
    }

    private static synchronized void compileOnce() throws Exception {
        if (compiled) {
            return;
        }
        compile(TeaVMTargetType.JAVASCRIPT, "crosscrypto.js");
        compile(TeaVMTargetType.WEBASSEMBLY_GC, "crosscrypto.wasm");
        compiled = true;
    }

    private static void compile(TeaVMTargetType type, String fileName) throws Exception {
        TeaVMTool tool = new TeaVMTool();
        tool.setTargetType(type);
        tool.setMainClass(CrossCryptoPage.class.getName());
        tool.setTargetDirectory(OUT.toFile());
        tool.setTargetFileName(fileName);
        tool.setClassLoader(CrossCryptoBuild.class.getClassLoader());
        tool.setOptimizationLevel(TeaVMOptimizationLevel.ADVANCED);
        tool.setObfuscated(true);
        tool.setStrict(true);
        tool.setIncremental(false);
        tool.setDebugInformationGenerated(false);
        tool.setSourceMapsFileGenerated(false);
        if (type == TeaVMTargetType.JAVASCRIPT) {
            tool.setJsModuleType(JSModuleType.ES2015);
        }
        tool.generate();
        if (!tool.getProblemProvider().getSevereProblems().isEmpty()) {
            StringBuilder problems = new StringBuilder();
            tool.getProblemProvider().getSevereProblems().forEach(p -> problems.append(p.getText()).append('\n'));
            fail("TeaVM could not compile " + fileName + ":\n" + problems);
        }
    }

    /** Opens {@code page} ("crosscrypto.html" or "crosscrypto-wasm.html") and waits until it is ready. */
    void open(String page) {
        driver.get(server.url("/pages/" + page));
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            Object failure = ((JavascriptExecutor) d).executeScript("return window.crosscryptoFailure || null;");
            if (failure != null) {
                throw new AssertionError("page failed to load: " + failure);
            }
            return Boolean.TRUE.equals(((JavascriptExecutor) d)
                    .executeScript("return window.crosscryptoReady === true;"));
        });
    }

    /** Runs an async function body that may use {@code cc} (the page's exports); returns its result or "error:...". */
    Object run(String body) {
        String script = "const done = arguments[arguments.length - 1];"
                + "const cc = window.crosscrypto;"
                + "(async () => {" + body + "})().then(done, e => done('error:' + String(e && (e.stack || e))));";
        return driver.executeAsyncScript(script);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        server.close();
        Chromium.delete(profile);
    }
}
