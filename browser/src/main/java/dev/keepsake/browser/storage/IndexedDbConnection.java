package dev.keepsake.browser.storage;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.QuotaExceededException;
import java.util.function.Supplier;
import org.teavm.jso.JSObject;

/**
 * The connection of an {@link IndexedDbBackend} to its database: opened on first use, reused,
 * and opened again after anything closed it. Opening creates the object store when the version
 * is new. When another tab opens a newer version, the connection closes at once
 * ({@code onversionchange}) so that the other tab's upgrade can proceed. Each transaction is
 * started here: one that cannot start (the connection is closing) drops the connection, so that
 * the next one reopens it.
 *
 * <p>Failures are {@link BackendUnavailableException} (IndexedDB missing, blocked by another
 * tab, refused, or at a newer version) or {@link QuotaExceededException} (no space to open).
 */
final class IndexedDbConnection {

    final String name;
    final String database;
    final String store;
    final int version;
    private final Supplier<IDBFactory> factory;

    /** The connection, pending or open; null before the first use and after a close. */
    private Async<IDBDatabase> current;

    IndexedDbConnection(String name, String database, String store, int version, Supplier<IDBFactory> factory) {
        this.name = name;
        this.database = database;
        this.store = store;
        this.version = version;
        this.factory = factory;
    }

    /**
     * Starts a transaction of {@code mode} on the store and runs {@code body} in it (in the
     * task the connection is ready in); {@code key} (null for none) names the operation in
     * errors.
     */
    <T> Async<T> transaction(String key, String mode, Body<T> body) {
        Async<IDBDatabase> used = open(key);
        return used.flatMap(db -> {
            JSObject txOrFailure = IDBDatabase.tryTransaction(db, store, mode);
            JSObject failure = IDBFactory.failureOf(txOrFailure);
            if (failure != null) {
                // InvalidStateError: the connection is closing (a version change, the browser
                // deleting site data). Drop it so that the next operation opens a fresh one.
                forget(used);
                return Async.failed(new BackendUnavailableException(name, key,
                        DomErrors.explain("cannot start a transaction", failure), null));
            }
            IDBTransaction tx = txOrFailure.cast();
            return body.run(tx, tx.objectStore(store));
        });
    }

    /**
     * Closes the connection, if one is open or opening; a later transaction reopens it. Pending
     * transactions still complete (IndexedDB closes after them).
     */
    void close() {
        Async<IDBDatabase> closing = current;
        current = null;
        if (closing != null) {
            closing.whenComplete((db, failure) -> {
                if (db != null) {
                    db.close();
                }
            });
        }
    }

    private Async<IDBDatabase> open(String key) {
        if (current != null) {
            return current;
        }
        Async.Completer<IDBDatabase> opened = Async.completer();
        Async<IDBDatabase> attempt = opened.async();
        current = attempt;
        // A failed attempt is forgotten, so that the next operation tries again.
        attempt.whenComplete((db, failure) -> {
            if (failure != null) {
                forget(attempt);
            }
        });
        IDBFactory factory = this.factory.get();
        if (factory == null) {
            opened.fail(new BackendUnavailableException(name, key, "IndexedDB is not available here", null));
            return attempt;
        }
        JSObject requestOrFailure = IDBFactory.tryOpen(factory, database, version);
        JSObject thrown = IDBFactory.failureOf(requestOrFailure);
        if (thrown != null) {
            opened.fail(openFailed(key, thrown));
            return attempt;
        }
        IDBOpenDBRequest request = requestOrFailure.cast();
        request.setOnupgradeneeded(event -> {
            IDBDatabase db = request.getResult().cast();
            if (!IDBDatabase.hasObjectStore(db, store)) {
                db.createObjectStore(store);
            }
        });
        request.setOnblocked(event -> opened.fail(new BackendUnavailableException(name, key,
                "opening version " + version + " is blocked: another tab keeps an older version "
                        + "open; close or reload it", null)));
        request.setOnerror(event -> opened.fail(openFailed(key, request.getError())));
        request.setOnsuccess(event -> {
            IDBDatabase db = request.getResult().cast();
            if (attempt.isDone()) {
                // Reported as blocked (or closed) while waiting: nobody holds this connection.
                db.close();
                return;
            }
            if (!IDBDatabase.hasObjectStore(db, store)) {
                db.close();
                opened.fail(new BackendUnavailableException(name, key, "database version " + version
                        + " has no object store \"" + store + "\"; open a higher version to create it", null));
                return;
            }
            db.setOnversionchange(change -> {
                // Another tab wants a newer version: step aside so its upgrade can run.
                db.close();
                forget(attempt);
            });
            db.setOnclose(closed -> forget(attempt));
            opened.complete(db);
        });
        return attempt;
    }

    /** Drops the cached connection if it is still {@code attempt} (not a newer one). */
    private void forget(Async<IDBDatabase> attempt) {
        if (current == attempt) {
            current = null;
        }
    }

    private RuntimeException openFailed(String key, JSObject error) {
        if (DomErrors.isQuota(error)) {
            return new QuotaExceededException(name, key,
                    DomErrors.explain("no space to open the database", error), null);
        }
        if ("VersionError".equals(DomErrors.name(error))) {
            return new BackendUnavailableException(name, key, DomErrors.explain("the database is at a newer "
                    + "version than " + version + " (upgraded by a newer page); reload to use it", error), null);
        }
        return new BackendUnavailableException(name, key, DomErrors.explain("cannot open the database", error), null);
    }

    /** What runs inside a transaction: makes its requests and returns when it is done. */
    @FunctionalInterface
    interface Body<T> {
        Async<T> run(IDBTransaction tx, IDBObjectStore objects);
    }
}
