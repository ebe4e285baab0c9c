package dev.keepsake.browser.crypto;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.teavm.backend.javascript.JSModuleType;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.vm.TeaVMOptimizationLevel;

/**
 * Compiles {@link CrossCryptoPage} with TeaVM (optimized, strict) to an ES module and to
 * wasm-gc under {@code target/crosscrypto}, once per test JVM, serves it with the test pages
 * {@code crosscrypto*.html} and the main build's wasm-gc runtime on the loopback address, and
 * drives Debian's Chromium. Without Chromium the calling test is skipped, unless
 * {@code browser.tests.required} is true (CI): then it fails.
 */
final class CrossCryptoBuild implements AutoCloseable {

    static final Path BINARY = Paths.get("/usr/bin/chromium");
    static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Path OUT = Paths.get("target", "crosscrypto");
    private static boolean compiled;

    private final HttpServer server;
    private final Path profile;
    private final ChromeDriver driver;

    private CrossCryptoBuild(HttpServer server, Path profile, ChromeDriver driver) {
        this.server = server;
        this.profile = profile;
        this.driver = driver;
    }

    /** Skips (or, when required, fails) without Chromium; else compiles if needed and starts server and browser. */
    static CrossCryptoBuild start() throws Exception {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            String message = "cross-platform page tests need " + BINARY + " and " + DRIVER;
            if (Boolean.getBoolean("browser.tests.required")) {
                fail(message + "; browser.tests.required is true");
            }
            Assumptions.assumeTrue(false, message + "; skipped");
        }
        compileOnce();
        Path web = Paths.get(System.getProperty("keepsake.web.dir", "target/web"));
        Path pages = Paths.get(CrossCryptoBuild.class.getResource("/pages/crosscrypto.html").toURI()).getParent();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> serve(exchange, web, pages));
        server.start();
        Path profile = Files.createTempDirectory("keepsake-crosscrypto");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
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
        driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/pages/" + page);
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            Object failure = ((JavascriptExecutor) d).executeScript("return window.crosscryptoFailure || null;");
            if (failure != null) {
                throw new AssertionError("page failed to load: " + failure);
            }
            return Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.crosscryptoReady === true;"));
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
        server.stop(0);
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void serve(HttpExchange exchange, Path web, Path pages) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Path file = null;
        if (path.startsWith("/cc/")) {
            file = inside(OUT.toAbsolutePath(), path.substring(4));
        } else if (path.startsWith("/web/")) {
            file = inside(web.toAbsolutePath(), path.substring(5));
        } else if (path.startsWith("/pages/")) {
            file = inside(pages, path.substring(7));
        }
        if (file == null || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        exchange.getResponseHeaders().set("Content-Type", name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".wasm") ? "application/wasm"
                : name.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Path inside(Path root, String relative) {
        Path file = root.resolve(relative).normalize();
        return file.startsWith(root.normalize()) ? file : null;
    }
}
