package dev.keepsake.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Carries PostgreSQL notifications on channel {@code keepsake_scope} (sent by every committed
 * push, in any server process on the database) to this process's {@link Watchers}. Runs on
 * its own daemon thread with its own connection; when the connection fails it wakes every
 * waiter (a notification may have been lost), waits a second and listens again.
 */
final class PgListener implements AutoCloseable {

    private final String url;
    private final Watchers watchers;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    PgListener(String url, Watchers watchers) {
        this.url = url;
        this.watchers = watchers;
        this.thread = new Thread(this::run, "keepsake-pg-listener");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, properties())) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN keepsake_scope");
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            watchers.moved(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                Log.line("notification connection lost (SQLState " + e.getSQLState() + "); listening again in 1 s");
                watchers.movedAll();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("ApplicationName", "keepsake-server-listen");
        return p;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
