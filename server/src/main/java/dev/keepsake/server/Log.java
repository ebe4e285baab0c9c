package dev.keepsake.server;

import java.time.Instant;

/**
 * The server's log: one line per event on standard error. Callers pass only what is safe to
 * show: methods, paths without their query, statuses, counts, SQLStates, token ids; never
 * values, keys or tokens.
 */
final class Log {

    private Log() {
    }

    static void line(String text) {
        System.err.println(Instant.now() + " " + text);
    }
}
