package dev.keepsake.server;

import dev.keepsake.core.remote.Protocol;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running sync server: Jetty serving the protocol over one store. Several servers may share
 * one PostgreSQL database; each listens for the others' notifications.
 */
public final class SyncServer implements AutoCloseable {

    private final Server jetty;
    private final ServerConnector connector;
    private final SqlStore store;
    private final PgListener listener;

    private SyncServer(Server jetty, ServerConnector connector, SqlStore store, PgListener listener) {
        this.jetty = jetty;
        this.connector = connector;
        this.store = store;
        this.listener = listener;
    }

    /**
     * Opens the store (creating its tables if needed) and starts serving.
     *
     * @throws Exception if the store cannot be opened or the port cannot be bound
     */
    public static SyncServer start(ServerConfig config) throws Exception {
        SqlStore store = openStore(config);
        Watchers watchers = new Watchers();
        PgListener listener = null;
        if (config.postgresUrl != null) {
            listener = new PgListener(config.postgresUrl, watchers);
            listener.start();
        }
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("keepsake-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host);
        connector.setPort(config.port);
        jetty.addConnector(connector);
        jetty.setHandler(new SyncHandler(config, store, watchers));
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            if (listener != null) {
                listener.close();
            }
            store.close();
            throw e;
        }
        return new SyncServer(jetty, connector, store, listener);
    }

    static SqlStore openStore(ServerConfig config) {
        return config.postgresUrl != null
                ? SqlStore.postgres(config.postgresUrl, config.poolSize, config.maxValueBytes, config.keepTombstones)
                : SqlStore.sqlite(config.sqliteFile, config.maxValueBytes, config.keepTombstones);
    }

    /**
     * Creates a bearer token for {@code scopes} (names, or {@code *} for every scope), as
     * {@code token create} does, and returns it: it is shown only here, the store keeps its hash.
     *
     * @throws IllegalArgumentException if {@code scopes} is empty or names an invalid scope
     */
    public String issueToken(List<String> scopes, boolean write) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        for (String s : scopes) {
            if (!s.equals("*") && !Protocol.isValidScope(s)) {
                throw new IllegalArgumentException("not a valid scope name (1 to 128 of A-Z a-z 0-9 . _ -): " + s);
            }
        }
        Tokens.Issued issued = Tokens.issue();
        store.addToken(issued.id(), Tokens.hash(issued.token()), List.copyOf(scopes), write);
        return issued.token();
    }

    /** Returns the port this server listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops serving and closes the store. */
    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            if (listener != null) {
                listener.close();
            }
            store.close();
        }
    }
}
