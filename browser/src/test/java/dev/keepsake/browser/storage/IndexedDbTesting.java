package dev.keepsake.browser.storage;

import dev.keepsake.core.async.Async;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** Raw IndexedDB access for tests: what another tab, or other code, would do. */
final class IndexedDbTesting {

    private IndexedDbTesting() {
    }

    /** Deletes a database; completes with "ok", or fails when the delete is blocked or errs. */
    static Async<String> deleteDatabase(String name) {
        Async.Completer<String> done = Async.completer();
        deleteDatabase(name, outcome -> {
            if ("success".equals(outcome)) {
                done.complete(outcome);
            } else {
                done.fail(new AssertionError("deleteDatabase(" + name + "): " + outcome));
            }
        });
        return done.async();
    }

    @JSBody(params = {"name", "callback"}, script = "var request = indexedDB.deleteDatabase(name);"
            + " request.onsuccess = function () { callback('success'); };"
            + " request.onerror = function () { callback('error ' + request.error); };"
            + " request.onblocked = function () { callback('blocked'); };")
    private static native void deleteDatabase(String name, Outcome callback);

    /**
     * Opens {@code name} at {@code version} the way careless code does: without an
     * {@code onversionchange} handler, so the connection never steps aside. Completes with
     * the connection.
     */
    static Async<JSObject> openStubborn(String name, int version, String store) {
        Async.Completer<JSObject> done = Async.completer();
        openStubborn(name, version, store, db -> done.complete(db),
                outcome -> done.fail(new AssertionError("open: " + outcome)));
        return done.async();
    }

    @JSBody(params = {"name", "version", "store", "ok", "failed"},
            script = "var request = indexedDB.open(name, version);"
                    + " request.onupgradeneeded = function () { if (!request.result.objectStoreNames.contains(store))"
                    + "  request.result.createObjectStore(store); };"
                    + " request.onsuccess = function () { ok(request.result); };"
                    + " request.onerror = function () { failed('error ' + request.error); };"
                    + " request.onblocked = function () { failed('blocked'); };")
    private static native void openStubborn(String name, int version, String store, Connection ok, Outcome failed);

    @JSBody(params = "db", script = "db.close();")
    static native void close(JSObject db);

    /**
     * Reads the raw stored value of {@code key} and describes its type ("Uint8Array:3:3", ...); a
     * versioned record is described as {@code {v:<type of v>, d:<description of d>}}.
     */
    static Async<String> rawTypeOf(JSObject db, String store, String key) {
        Async.Completer<String> done = Async.completer();
        rawTypeOf(db, store, key, done::complete);
        return done.async();
    }

    @JSBody(params = {"db", "store", "key", "callback"},
            script = "var request = db.transaction(store, 'readonly').objectStore(store).get(key);"
                    + " function describe(value) { return value === undefined ? 'undefined' : value === null ? 'null'"
                    + "   : value.constructor.name + ':' + (value.byteLength === undefined ? '' : value.byteLength)"
                    + "   + ':' + (value.buffer === undefined ? '' : value.buffer.byteLength); }"
                    + " request.onsuccess = function () { var value = request.result;"
                    + "  var record = value != null && value.d !== undefined;"
                    + "  callback(record ? '{v:' + typeof value.v + ', d:' + describe(value.d) + '}' : "
                    + "describe(value)); };"
                    + " request.onerror = function () { callback('error ' + request.error); };")
    private static native void rawTypeOf(JSObject db, String store, String key, Outcome callback);

    /** Stores {@code text} (a string, not bytes) under {@code key}, as foreign code might. */
    static Async<String> putRawString(JSObject db, String store, String key, String text) {
        Async.Completer<String> done = Async.completer();
        putRawString(db, store, key, text, done::complete);
        return done.async();
    }

    @JSBody(params = {"db", "store", "key", "text", "callback"},
            script = "var transaction = db.transaction(store, 'readwrite');"
                    + " transaction.objectStore(store).put(text, key);"
                    + " transaction.oncomplete = function () { callback('complete'); };"
                    + " transaction.onabort = function () { callback('abort ' + transaction.error); };")
    private static native void putRawString(JSObject db, String store, String key, String text, Outcome callback);

    @JSFunctor
    interface Outcome extends JSObject {
        void report(String outcome);
    }

    @JSFunctor
    interface Connection extends JSObject {
        void opened(JSObject db);
    }
}
