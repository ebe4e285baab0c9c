package dev.keepsake.browser.js;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.NotFoundException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The exported API as JS code calls it: each call below goes through JS ({@code b.save(...)}),
 * so method names, Promise results, Uint8Array values and Error codes are what a page sees.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class KeepsakeExportsTest {

    private static int counter;
    private final String name = "exports-" + ++counter + "-" + (int) (Math.random() * 1e9);

    @Test
    public void localStorageBackendRoundTripsUint8Arrays() {
        roundTrip(KeepsakeExports.localStorageBackend(name));
    }

    @Test
    public void indexedDbBackendRoundTripsUint8Arrays() {
        roundTrip(KeepsakeExports.indexedDbBackend(options(name, "s", 1)));
    }

    @Test
    public void memoryBackendRoundTripsUint8Arrays() {
        roundTrip(KeepsakeExports.memoryBackend());
    }

    private void roundTrip(JsBackend backend) {
        assertEquals("undefined", settle(call(backend, "save", "k", bytes(0, 127, 128, 255))));
        assertEquals("ok:Uint8Array[0,127,128,255]", settle(call(backend, "load", "k", null)));
        assertEquals("ok:true", settle(call(backend, "exists", "k", null)));
        assertEquals("ok:[\"k\"]", settle(call(backend, "listKeys", null, null)));
        assertEquals("ok:1", settle(property(call(backend, "info", null, null), "entryCount")));
        assertEquals("undefined", settle(write(backend)));
        assertEquals("ok:[\"w\"]", settle(call(backend, "listKeys", null, null)));
        assertEquals("undefined", settle(call(backend, "delete", "w", null)));
        assertEquals("ok:false", settle(call(backend, "exists", "w", null)));
        assertEquals("undefined", settle(call(backend, "clear", null, null)));
    }

    @Test
    public void failuresRejectWithTheirCodeAndKey() {
        JsBackend backend = KeepsakeExports.localStorageBackend(name);
        assertEquals("error:Error/KeepsakeError/NOT_FOUND/missing key",
                settle(call(backend, "load", "missing key", null)));
        assertEquals("error:TypeError/TypeError/INVALID_ARGUMENT/null",
                settle(call(backend, "save", "k", plainArray())));
        assertEquals("error:TypeError/TypeError/INVALID_ARGUMENT/null", settle(call(backend, "load", "", null)));
    }

    @Test
    public void javaFailuresBecomeErrorsWithCodes() {
        JSObject error = JsErrors.toJs(new NotFoundException("b", "the key", "no value stored", null));
        assertEquals("Error/KeepsakeError/NOT_FOUND/the key", describe(error));
        assertTrue(message(error).contains("the key"));
        assertEquals("Error/KeepsakeError/INVALID_STATE/null", describe(JsErrors.toJs(new IllegalStateException("x"))));
        assertEquals("Error/KeepsakeError/INTERNAL/null",
                describe(JsErrors.toJs(new UnsupportedOperationException("x"))));
        JSObject wrapped = JsErrors.toJs(new RuntimeException(new NotFoundException("b", "k", "p", null)));
        assertEquals("Error/KeepsakeError/NOT_FOUND/k", describe(wrapped));
    }

    @Test
    public void openDefaultBackendReportsItsChoice() {
        JSPromise<JSObject> promise = KeepsakeExports.openDefaultBackend(name);
        assertEquals("ok:\"indexeddb/true/0\"", settle(describeChoice(promise)));
        assertEquals("error:TypeError/TypeError/INVALID_ARGUMENT/null",
                settle(describeChoice(KeepsakeExports.openDefaultBackend("a:b"))));
    }

    @Test
    public void backendOptionsAreChecked() {
        // That a page sees TypeError with code INVALID_ARGUMENT is checked in real pages
        // (JsApiPageTest); here, that each call fails with the option's problem.
        assertTrue(thrownBy(() -> KeepsakeExports.indexedDbBackend(options(name, "s", 1.5))).contains("version"));
        assertTrue(thrownBy(() -> KeepsakeExports.indexedDbBackend(options(name, "s", 0))).contains("version"));
        assertTrue(thrownBy(() -> KeepsakeExports.localStorageBackend("a:b")).contains("prefix"));
    }

    /** Settles a promise and describes the outcome as "ok:value", "undefined" or "error:...". */
    private static String settle(JSPromise<JSObject> promise) {
        Async.Completer<String> done = Async.completer();
        settle(promise, done::complete);
        return Blocking.await(done.async());
    }

    /** Returns what {@code action} threw, as text. */
    private static String thrownBy(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return String.valueOf(e);
        }
        return "nothing thrown";
    }

    @JSFunctor
    interface Report extends JSObject {
        void report(String outcome);
    }

    @JSBody(params = {"promise", "report"}, script = "function show(value) {"
            + " if (value instanceof Uint8Array) return 'Uint8Array[' + Array.prototype.join.call(value, ',') + ']';"
            + " return JSON.stringify(value); }"
            + "promise.then(function (value) { report(value === undefined ? 'undefined' : 'ok:' + show(value)); },"
            + " function (error) { report('error:' + (error instanceof TypeError ? 'TypeError' : 'Error') + '/'"
            + "  + error.name + '/' + error.code + '/' + error.key); });")
    private static native void settle(JSPromise<JSObject> promise, Report report);

    @JSBody(params = {"backend", "method", "key", "value"},
            script = "return key === null ? backend[method]() : value === null ? backend[method](key)"
                    + " : backend[method](key, value);")
    private static native JSPromise<JSObject> call(JsBackend backend, String method, String key, JSObject value);

    @JSBody(params = "backend", script = "return backend.write([{key: 'k'}, {key: 'w', value: new Uint8Array([1])}]);")
    private static native JSPromise<JSObject> write(JsBackend backend);

    @JSBody(params = {"promise", "name"}, script = "return promise.then(function (value) { return value[name]; });")
    private static native JSPromise<JSObject> property(JSPromise<JSObject> promise, String name);

    @JSBody(params = "promise", script = "return promise.then(function (choice) {"
            + " return choice.kind + '/' + choice.persistent + '/' + choice.fallbacks.length"
            + "  + (typeof choice.backend.save === 'function' ? '' : ' no save'); });")
    private static native JSPromise<JSObject> describeChoice(JSPromise<JSObject> promise);

    @JSBody(params = {"first", "second", "third", "fourth"},
            script = "return new Uint8Array([first, second, third, fourth]);")
    private static native JSObject bytes(int first, int second, int third, int fourth);

    @JSBody(script = "return [1, 2];")
    private static native JSObject plainArray();

    @JSBody(params = {"database", "store", "version"},
            script = "return {database: database, store: store, version: version};")
    private static native JSObject options(String database, String store, double version);

    @JSBody(params = "error", script = "return (error instanceof TypeError ? 'TypeError' : 'Error') + '/'"
            + " + error.name + '/' + error.code + '/' + error.key;")
    private static native String describe(JSObject error);

    @JSBody(params = "error", script = "return error.message;")
    private static native String message(JSObject error);
}
