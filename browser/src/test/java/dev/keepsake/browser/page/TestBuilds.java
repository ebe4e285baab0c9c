package dev.keepsake.browser.page;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.teavm.backend.javascript.JSModuleType;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.vm.TeaVMOptimizationLevel;

/**
 * The one way a test builds a test-only entry point with TeaVM: a test class whose
 * {@code @JSExport} static methods a test page calls (a harness). It is compiled as the shipped
 * builds are (optimized, strict), from the test class path, to an ES module {@code <name>.js} and
 * to {@code <name>.wasm} in {@code target/test-builds}, which {@link WebServer} serves under
 * {@code /test-builds/}; wasm pages load it with the main build's {@code keepsake.wasm-runtime.js}.
 * Each entry point is compiled once per test JVM, when a test first asks, so only the tests that
 * use a harness pay for it. The browser benchmarks ({@code bench/run-browser.sh}) build the
 * harnesses they drive through {@link #main}.
 */
public final class TestBuilds {

    private static final Path OUT = WebServer.TEST_BUILDS;

    private static final Set<String> BUILT = new HashSet<>();

    private TestBuilds() {
    }

    /**
     * Compiles {@code entryPoint} to {@code <name>.js} and {@code <name>.wasm} unless this JVM
     * already did; fails the calling test with TeaVM's problems if it cannot be compiled.
     */
    public static synchronized void build(Class<?> entryPoint, String name) {
        if (BUILT.contains(name)) {
            return;
        }
        compile(entryPoint, TeaVMTargetType.JAVASCRIPT, name + ".js");
        compile(entryPoint, TeaVMTargetType.WEBASSEMBLY_GC, name + ".wasm");
        BUILT.add(name);
    }

    /**
     * Compiles the entry point class {@code args[0]} to {@code args[1]}{@code .js} and {@code .wasm} in
     * {@code target/test-builds} of the working directory: {@code bench/run-browser.sh} runs it with the
     * browser module's test class path from the module's folder.
     */
    public static void main(String[] args) throws ClassNotFoundException {
        build(Class.forName(args[0]), args[1]);
    }

    private static void compile(Class<?> entryPoint, TeaVMTargetType type, String fileName) {
        TeaVMTool tool = new TeaVMTool();
        tool.setTargetType(type);
        tool.setMainClass(entryPoint.getName());
        tool.setTargetDirectory(OUT.toFile());
        tool.setTargetFileName(fileName);
        tool.setClassLoader(entryPoint.getClassLoader());
        tool.setOptimizationLevel(TeaVMOptimizationLevel.ADVANCED);
        tool.setObfuscated(true);
        tool.setStrict(true);
        tool.setIncremental(false);
        tool.setDebugInformationGenerated(false);
        tool.setSourceMapsFileGenerated(false);
        if (type == TeaVMTargetType.JAVASCRIPT) {
            tool.setJsModuleType(JSModuleType.ES2015);
        }
        try {
            tool.generate();
        } catch (Exception e) {
            throw new AssertionError("TeaVM could not compile " + fileName, e);
        }
        if (!tool.getProblemProvider().getSevereProblems().isEmpty()) {
            StringBuilder problems = new StringBuilder();
            tool.getProblemProvider().getSevereProblems().forEach(p -> problems.append(p.getText()).append('\n'));
            throw new AssertionError("TeaVM could not compile " + fileName + ":\n" + problems);
        }
    }
}
