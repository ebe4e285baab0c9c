package dev.keepsake.demo;

import dev.keepsake.server.ServerConfig;
import dev.keepsake.server.SyncServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves the demo page and the compiled library on the loopback address, and starts a sync
 * server beside it (SQLite in a temporary folder, or in {@code --data DIR}) that allows the
 * page's origin, or points the page at another sync server ({@code --sync-url} and
 * {@code --sync-token}). The page reads where to sync from {@code /sync-config.json}; the demo
 * creates a read-write token for scope {@value #SCOPE} at every start.
 *
 * <p>Run: {@code java -jar demo-web/target/keepsake-demo.jar [--port N]} (default 8080, or the
 * {@code PORT} environment variable). A port in use or an invalid option ends the process with
 * a one-line message and exit code 1 or 2.
 */
public final class DemoServer implements AutoCloseable {

    /** The scope the demo's devices share. */
    static final String SCOPE = "demo";

    private static final String USAGE = "usage: java -jar keepsake-demo.jar [--port N] [--sync-port N] [--data DIR]"
            + " [--sync-url URL --sync-token TOKEN]";

    private final Server jetty;
    private final ServerConnector connector;
    private final SyncServer sync;
    private final Path temporary;
    private final SyncSettings settings;

    private DemoServer(Server jetty, ServerConnector connector, SyncServer sync, Path temporary,
            SyncSettings settings) {
        this.jetty = jetty;
        this.connector = connector;
        this.sync = sync;
        this.temporary = temporary;
        this.settings = settings;
    }

    /**
     * Starts serving on 127.0.0.1 at {@code port} (0 picks a free port), with a sync server of
     * its own on a free port over SQLite in a temporary folder, removed again by {@link #close()}.
     *
     * @throws Exception if a port cannot be bound or the sync store cannot be opened
     */
    public static DemoServer start(int port) throws Exception {
        return start(new Options(port, 0, null, null, null));
    }

    static DemoServer start(Options options) throws Exception {
        // The page is served first: the sync server must know the page's origin (its port) for CORS.
        var holder = new java.util.concurrent.atomic.AtomicReference<SyncSettings>();
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("keepsake-demo-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        jetty.addConnector(connector);
        jetty.setHandler(new StaticFiles(() -> Optional.ofNullable(holder.get())));
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            throw bindFailure(e, options.port(), "--port");
        }
        SyncServer sync = null;
        Path temporary = null;
        try {
            SyncSettings settings;
            if (options.syncUrl() != null) {
                settings = new SyncSettings(options.syncUrl(), SCOPE, options.syncToken());
            } else {
                Path folder = options.data();
                if (folder == null) {
                    folder = temporary = Files.createTempDirectory("keepsake-demo-sync");
                }
                Files.createDirectories(folder);
                int port = connector.getLocalPort();
                ServerConfig config = ServerConfig.builder()
                        .port(options.syncPort())
                        .sqlite(folder.resolve("keepsake-demo.db"))
                        .corsOrigin("http://127.0.0.1:" + port)
                        .corsOrigin("http://localhost:" + port)
                        .build();
                try {
                    sync = SyncServer.start(config);
                } catch (Exception e) {
                    throw bindFailure(e, options.syncPort(), "--sync-port");
                }
                settings = new SyncSettings("http://127.0.0.1:" + sync.port(), SCOPE, sync.issueToken(List.of(SCOPE), true));
            }
            holder.set(settings);
            return new DemoServer(jetty, connector, sync, temporary, settings);
        } catch (Exception | Error e) {
            jetty.stop();
            if (sync != null) {
                sync.close();
            }
            delete(temporary);
            throw e;
        }
    }

    /** Returns the port the page is served on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Returns where the page syncs: the embedded server, or the one given. */
    SyncSettings sync() {
        return settings;
    }

    /** Returns whether this demo runs its own sync server. */
    boolean syncEmbedded() {
        return sync != null;
    }

    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            try {
                if (sync != null) {
                    sync.close();
                }
            } finally {
                delete(temporary);
            }
        }
    }

    /** Turns a failure to bind into a message a person can act on; other failures pass through. */
    private static Exception bindFailure(Exception e, int port, String option) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new StartFailure("port " + port
                        + " on 127.0.0.1 is already in use (is the demo already running?);"
                        + " stop that program or choose another port with " + option + " N");
            }
        }
        return e;
    }

    private static void delete(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Starts the demo and serves until the process is stopped. */
    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the command line: returns 0 while serving (the server threads keep the process alive),
     * 1 when the demo could not start, 2 for invalid options. Failures are one line on {@code err}.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("keepsake-demo: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options == null) {
            out.println(USAGE);
            return 0;
        }
        DemoServer server;
        try {
            server = start(options);
        } catch (StartFailure e) {
            err.println("keepsake-demo: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("keepsake-demo: could not start: " + oneLine(e));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // Exiting anyway.
            }
        }, "keepsake-demo-shutdown"));
        out.println("Keepsake demo: http://127.0.0.1:" + server.port() + "/  (sync: " + server.sync().url()
                + (server.syncEmbedded()
                        ? ", embedded, " + (options.data() == null ? "temporary data" : "data in " + options.data())
                        : "")
                + ", scope " + SCOPE + ")");
        out.flush();
        return 0;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        return (message == null ? e.getClass().getSimpleName() : message).replaceAll("\\s+", " ");
    }

    /** A start that failed for a reason the user can fix; the message says how. */
    static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The command line, checked.
     *
     * @param port the page's port (0: any free one)
     * @param syncPort the embedded sync server's port (0: any free one)
     * @param data where the embedded sync server keeps its SQLite file, or null for a temporary folder
     * @param syncUrl another sync server to point the page at instead, or null
     * @param syncToken the token for {@code syncUrl}
     */
    record Options(int port, int syncPort, Path data, String syncUrl, String syncToken) {

        /** Parses {@code args} (and {@code PORT} in {@code env}); returns null for {@code --help}. */
        static Options parse(String[] args, Map<String, String> env) {
            int port = 8080;
            String fromEnv = env.get("PORT");
            if (fromEnv != null && !fromEnv.isBlank()) {
                port = port("PORT", fromEnv.trim());
            }
            int syncPort = 0;
            Path data = null;
            String syncUrl = null;
            String syncToken = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    return null;
                }
                if (!List.of("--port", "--sync-port", "--data", "--sync-url", "--sync-token").contains(a)) {
                    throw new IllegalArgumentException("unknown option '" + a + "'");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--port" -> port = port(a, v);
                    case "--sync-port" -> syncPort = port(a, v);
                    case "--data" -> data = Path.of(v);
                    case "--sync-url" -> syncUrl = v;
                    default -> syncToken = v;
                }
            }
            if ((syncUrl == null) != (syncToken == null)) {
                throw new IllegalArgumentException("--sync-url and --sync-token go together");
            }
            if (syncUrl != null) {
                try {
                    new SyncSettings(syncUrl, SCOPE, syncToken);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
                if (data != null) {
                    throw new IllegalArgumentException(
                            "--data is for the embedded sync server; --sync-url uses another one");
                }
            }
            return new Options(port, syncPort, data, syncUrl, syncToken);
        }

        private static int port(String option, String value) {
            int port;
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a port number from 0 to 65535, not '" + value
                        + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(option + " must be a port number from 0 to 65535, not " + port);
            }
            return port;
        }
    }
}
