package dev.keepsake.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lends JDBC connections: for SQLite one connection, lent to one caller at a time (SQLite has
 * one writer anyway); for PostgreSQL a small pool. A connection returned as broken (its
 * statement failed and it no longer answers) is closed and replaced on the next loan.
 */
final class Connections implements AutoCloseable {

    private final String url;
    private final Properties properties;
    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private int open;
    private boolean closed;

    Connections(String url, Properties properties, int max) {
        this.url = url;
        this.properties = properties;
        this.max = max;
    }

    /** Lends a connection in auto-commit mode, waiting up to 10 s for one to be free. */
    Connection acquire() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new SQLException("the store is closed", "08003");
                }
                Connection c = idle.pollFirst();
                if (c != null) {
                    return c;
                }
                if (open < max) {
                    open++;
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SQLException("no database connection free within 10 s", "08001");
                }
                returned.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", "08001");
        } finally {
            lock.unlock();
        }
        try {
            Connection c = DriverManager.getConnection(url, properties);
            c.setAutoCommit(true);
            return c;
        } catch (SQLException | RuntimeException e) {
            lock.lock();
            try {
                open--;
                returned.signal();
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /** Takes a connection back; a broken one is closed. */
    void release(Connection c, boolean broken) {
        boolean discard = broken;
        if (!discard) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                discard = true;
            }
        }
        if (!discard && broken) {
            discard = true;
        }
        lock.lock();
        try {
            if (discard || closed) {
                open--;
                closeQuietly(c);
            } else {
                idle.addFirst(c);
            }
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Connection c : idle) {
                closeQuietly(c);
                open--;
            }
            idle.clear();
            returned.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Closing a broken connection may fail too; it is gone either way.
        }
    }
}
