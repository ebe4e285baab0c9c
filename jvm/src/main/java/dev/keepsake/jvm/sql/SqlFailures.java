package dev.keepsake.jvm.sql;

import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.ReadFailedException;
import dev.keepsake.core.error.WriteFailedException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Translates the {@link SQLException}s a driver reports into Keepsake's typed failures, for one
 * backend: the engine's dialect says what kind of {@link Failure} an exception is, this class
 * looks through the exceptions drivers chain together and picks the typed error the caller can
 * act on. Stateless apart from the backend's name and its classifier; thread-safe.
 */
final class SqlFailures {

    /** How a SQL failure should be reported. */
    enum Failure {
        /** The disk or a configured size limit is full. */
        FULL,
        /** Permissions or authentication refused. */
        DENIED,
        /** The database cannot be reached or opened. */
        UNAVAILABLE,
        /** The database file or pages are damaged. */
        CORRUPT,
        /** Another connection holds a lock longer than the busy timeout. */
        BUSY,
        /** A conflict the database resolved by aborting us (deadlock, serialization); retry. */
        RETRY,
        /** Anything else. */
        OTHER
    }

    /** How deep {@link #classify} looks into chained exceptions. */
    private static final int MAX_DEPTH = 8;

    private final String backend;
    private final Function<SQLException, Failure> classifier;

    /** Creates the translator for {@code backend}, classifying one exception with {@code classifier}. */
    SqlFailures(String backend, Function<SQLException, Failure> classifier) {
        this.backend = backend;
        this.classifier = classifier;
    }

    /**
     * Returns the typed failure for {@code e}, raised while reading or writing {@code key}
     * (null for no one key): {@link QuotaExceededException}, {@link AccessDeniedException},
     * {@link BackendUnavailableException} or {@link CorruptedDataException} when the
     * classification says so, else {@link WriteFailedException} or {@link ReadFailedException}.
     * The message starts with {@code problem}.
     */
    PersistenceException translate(SQLException e, String key, boolean writing, String problem) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            // Drivers put the batch's statements, parameters included (the stored values), into
            // this exception's message; the server's own error is the next one.
            e = e.getNextException();
        }
        String detail = problem + ": " + describe(e);
        switch (classify(e)) {
            case FULL:
                return new QuotaExceededException(backend, key, detail, e);
            case DENIED:
                return new AccessDeniedException(backend, key, detail, e);
            case UNAVAILABLE:
                return new BackendUnavailableException(backend, key, detail, e);
            case CORRUPT:
                return new CorruptedDataException(backend, key, detail, e);
            case BUSY:
                detail = problem + ": the database stayed locked by another connection: " + describe(e);
                break;
            default:
                break;
        }
        return writing ? new WriteFailedException(backend, key, detail, e)
                : new ReadFailedException(backend, key, detail, e);
    }

    /**
     * Classifies {@code e}: the first kind other than {@link Failure#OTHER} found in it or in
     * the exceptions chained to it (next exceptions, which drivers put in a
     * {@code BatchUpdateException}, and causes).
     */
    Failure classify(SQLException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof SQLException) {
                SQLException sql = (SQLException) t;
                Failure f = classifier.apply(sql);
                if (f != Failure.OTHER) {
                    return f;
                }
                t = sql.getNextException() != null ? sql.getNextException() : sql.getCause();
            } else {
                t = t.getCause();
            }
        }
        return Failure.OTHER;
    }

    private static String describe(SQLException e) {
        String message = e.getMessage();
        return (message == null ? e.getClass().getSimpleName() : message)
                + " (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")";
    }
}
