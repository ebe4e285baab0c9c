package dev.keepsake.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code serve} (the default) runs the server; {@code token create|revoke|list}
 * manages bearer tokens in the same store. Store options for both: {@code --data FILE}
 * (SQLite, default {@code keepsake-server.db}) or {@code --postgres URL} (or the environment
 * variable {@code KEEPSAKE_POSTGRES_URL}).
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar keepsake-server.jar [serve] [options]
                   java -jar keepsake-server.jar token create --scope NAME [--scope NAME ...] [--write] [store]
                   java -jar keepsake-server.jar token revoke ID [store]
                   java -jar keepsake-server.jar token list [store]
            store:   --data FILE (SQLite, default keepsake-server.db) | --postgres JDBC_URL (or KEEPSAKE_POSTGRES_URL)
            serve:   --host ADDR (127.0.0.1)  --port N (8787, 0 = any free port)  --cors-origin ORIGIN (repeatable)
                     --max-body BYTES  --max-ops N  --max-value BYTES  --keep-tombstones VERSIONS  --pool N
            """;

    private Main() {
    }

    /** Runs the command line. */
    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "serve" : rest.remove(0);
        ServerConfig.Builder config = ServerConfig.builder();
        String env = System.getenv("KEEPSAKE_POSTGRES_URL");
        if (env != null && !env.isBlank()) {
            config.postgres(env);
        }
        List<String> scopes = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        boolean write = false;
        try {
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "--write" -> write = true;
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> {
                        if (!a.startsWith("--")) {
                            positional.add(a);
                            continue;
                        }
                        if (i + 1 >= rest.size()) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        String v = rest.get(++i);
                        switch (a) {
                            case "--data" -> config.sqlite(Path.of(v));
                            case "--postgres" -> config.postgres(v);
                            case "--host" -> config.host(v);
                            case "--port" -> config.port(Integer.parseInt(v));
                            case "--cors-origin" -> config.corsOrigin(v);
                            case "--max-body" -> config.maxBodyBytes(Long.parseLong(v));
                            case "--max-ops" -> config.maxOperations(Integer.parseInt(v));
                            case "--max-value" -> config.maxValueBytes(Long.parseLong(v));
                            case "--keep-tombstones" -> config.keepTombstones(Long.parseLong(v));
                            case "--max-watch-ms" -> config.maxWatch(Duration.ofMillis(Long.parseLong(v)));
                            case "--pool" -> config.poolSize(Integer.parseInt(v));
                            case "--scope" -> scopes.add(v);
                            default -> throw new IllegalArgumentException("unknown option " + a);
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        ServerConfig built = config.build();
        if (command.equals("serve")) {
            SyncServer server = SyncServer.start(built);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    // Exiting anyway.
                }
            }));
            out.println("keepsake-server listening on http://" + built.host + ":" + server.port());
            out.flush();
            Thread.currentThread().join();
            return 0;
        }
        if (!command.equals("token") || positional.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        try (SqlStore store = SyncServer.openStore(built)) {
            switch (positional.get(0)) {
                case "create" -> {
                    if (scopes.isEmpty()) {
                        err.println("token create needs at least one --scope (or --scope '*')");
                        return 2;
                    }
                    for (String s : scopes) {
                        if (!s.equals("*") && !dev.keepsake.core.remote.Protocol.isValidScope(s)) {
                            err.println("not a valid scope name (1 to 128 of A-Z a-z 0-9 . _ -)");
                            return 2;
                        }
                    }
                    Tokens.Issued issued = Tokens.issue();
                    store.addToken(issued.id(), Tokens.hash(issued.token()), scopes, write);
                    err.println("token " + issued.id() + ": " + (write ? "read-write" : "read") + " on " + scopes
                            + " (shown once; only its hash is stored)");
                    out.println(issued.token());
                    return 0;
                }
                case "revoke" -> {
                    if (positional.size() != 2) {
                        err.println("token revoke needs the token id");
                        return 2;
                    }
                    if (!store.revokeToken(positional.get(1))) {
                        err.println("no token with that id");
                        return 1;
                    }
                    err.println("token " + positional.get(1) + " revoked");
                    return 0;
                }
                case "list" -> {
                    for (Grant g : store.tokens()) {
                        out.println(g.id() + " " + (g.write() ? "read-write" : "read") + " "
                                + String.join(",", g.scopes())
                                + (g.revoked() ? " revoked" : ""));
                    }
                    return 0;
                }
                default -> {
                    err.print(USAGE);
                    return 2;
                }
            }
        }
    }
}
