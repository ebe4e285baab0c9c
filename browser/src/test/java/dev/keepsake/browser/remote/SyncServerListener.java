package dev.keepsake.browser.remote;

import dev.keepsake.server.ServerProcess;
import dev.keepsake.server.TestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Runs a sync server process for {@link RemoteBackendFetchContractTest}, whose tests run in
 * Chromium and cannot start one: registered with the JUnit Platform launcher (META-INF/services),
 * it acts only when that class starts and finishes, whatever filter selected it. On start it
 * creates a read-write token, starts the server on a free loopback port allowing any CORS origin
 * (teavm-junit's page has a port of its own) and writes the address and the token, one a line,
 * to {@value #ADDRESS_FILE} in teavm-junit's output directory, which the test page's origin
 * serves under {@code /tests/}. On finish, or at the end of the run at the latest, it deletes
 * the file and stops the server.
 */
public final class SyncServerListener implements TestExecutionListener {

    static final String ADDRESS_FILE = "remote-sync-server.txt";

    /** The server's value limit: above the contract's 1 MiB values. */
    static final int MAX_VALUE = 2_000_000;

    private ServerProcess server;
    private Path addressFile;

    @Override
    public void executionStarted(TestIdentifier test) {
        if (isContractClass(test) && server == null) {
            try {
                start();
            } catch (Exception e) {
                stop();
                throw new IllegalStateException("the sync server for " + test.getDisplayName() + " did not start", e);
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, org.junit.platform.engine.TestExecutionResult result) {
        if (isContractClass(test)) {
            stop();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        stop();
    }

    private static boolean isContractClass(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        return source instanceof ClassSource c
                && c.getClassName().equals(RemoteBackendFetchContractTest.class.getName());
    }

    private void start() throws Exception {
        Path dir = Files.createTempDirectory("keepsake-fetch-contract");
        String[] store = {"--data", dir.resolve("sync.db").toString()};
        String token = TestSupport.createToken(store, true, "*");
        server = ServerProcess.start(dir.resolve("server.log"), store[0], store[1],
                "--max-value", Integer.toString(MAX_VALUE), "--cors-origin", "*");
        Path target = Path.of(System.getProperty("teavm.junit.target"));
        Files.createDirectories(target);
        addressFile = target.resolve(ADDRESS_FILE);
        Files.writeString(addressFile, server.uri() + "\n" + token + "\n", StandardCharsets.UTF_8);
    }

    private void stop() {
        ServerProcess running = server;
        Path file = addressFile;
        server = null;
        addressFile = null;
        try {
            if (running != null) {
                running.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
