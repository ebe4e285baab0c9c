package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;

/**
 * An {@code indexedDB} that injects write faults: it hands out the real databases, wrapped in
 * proxies down to the object store, whose {@code put} of the poisoned key and value length
 * (of the stored record's bytes {@code d}, as the backend writes {@code {v, d}})
 * makes the real transaction fail the way a refused request does (a second, conflicting
 * {@code add} of the same key: {@code ConstraintError}, and the transaction aborts).
 */
final class FaultyIndexedDb {

    private FaultyIndexedDb() {
    }

    /** Returns a factory over the real {@code indexedDB} that fails nothing until {@link #poison}. */
    @JSBody(script = ""
            + "var poison = { key: null, length: -1 };"
            + "function forward(target, wrap) {"
            + "  return new Proxy(target, {"
            + "    get: function (t, p) {"
            + "      if (Object.prototype.hasOwnProperty.call(wrap, p)) return wrap[p](t);"
            + "      var v = Reflect.get(t, p);"
            + "      return typeof v === 'function' ? v.bind(t) : v; },"
            + "    set: function (t, p, v) { t[p] = v; return true; } }); }"
            + "function store(s) { return forward(s, { put: function (t) { return function (value, key) {"
            + "  var data = value && value.d !== undefined ? value.d : value;"
            + "  if (key === poison.key && data && data.length === poison.length) { t.put(value, key); "
            + "return t.add(value, key); }"
            + "  return t.put(value, key); }; } }); }"
            + "function tx(x) { return forward(x, { objectStore: function (t) { return function (name) {"
            + "  return store(t.objectStore(name)); }; } }); }"
            + "function db(d) { return forward(d, { transaction: function (t) { return function () {"
            + "  return tx(t.transaction.apply(t, arguments)); }; } }); }"
            + "function request(r) { return forward(r, { result: function (t) {"
            + "  return t.result ? db(t.result) : t.result; } }); }"
            + "var factory = forward(indexedDB, { open: function (t) { return function (name, version) {"
            + "  return request(t.open(name, version)); }; } });"
            + "factory.keepsakePoison = poison;"
            + "return factory;")
    static native IDBFactory create();

    /** Makes every later {@code put} of a value of {@code length} bytes under {@code key} fail. */
    @JSBody(params = {"factory", "key", "length"},
            script = "factory.keepsakePoison.key = key; factory.keepsakePoison.length = length;")
    static native void poison(IDBFactory factory, String key, int length);
}
