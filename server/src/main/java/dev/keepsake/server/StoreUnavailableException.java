package dev.keepsake.server;

/**
 * The database did not answer or failed a statement; the request had no effect (its
 * transaction was rolled back) and may be sent again. The message carries the SQLState only,
 * never the driver's text, which can quote stored values.
 */
final class StoreUnavailableException extends RuntimeException {

    StoreUnavailableException(String what, java.sql.SQLException cause) {
        super(what + " failed (SQLState " + cause.getSQLState() + ")", null, false, false);
    }
}
