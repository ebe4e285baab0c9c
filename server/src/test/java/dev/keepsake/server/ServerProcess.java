package dev.keepsake.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sync server in its own JVM on an ephemeral loopback port, started from the test
 * classpath. Its standard error (the server's log) goes to a file the tests may read.
 * {@link #kill()} is SIGKILL; {@link #close()} stops it politely and waits. Public for the
 * browser module's tests, which run the contract suite in Chromium against one.
 */
public final class ServerProcess implements AutoCloseable {

    private final List<String> args;
    private final Path log;
    private Process process;
    private int port;

    private ServerProcess(List<String> args, Path log) {
        this.args = args;
        this.log = log;
    }

    /** Starts a server with these options (store options included) and waits until it listens. */
    public static ServerProcess start(Path log, String... options) throws IOException {
        ServerProcess p = new ServerProcess(List.of(options), log);
        p.launch(0);
        return p;
    }

    private void launch(int fixedPort) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("serve");
        command.add("--port");
        command.add(Integer.toString(fixedPort));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("KEEPSAKE_POSTGRES_URL");
        process = pb.start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("keepsake-server listening on http://")) {
            process.destroyForcibly();
            throw new IOException("the server did not start: " + line + "\n" + Files.readString(log));
        }
        port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // The process ended.
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** SIGKILL: the server gets no chance to finish anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the server again with the same options on the same port. */
    void restart() throws IOException {
        launch(port);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
