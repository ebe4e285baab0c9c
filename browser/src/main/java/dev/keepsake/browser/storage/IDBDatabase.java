package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** Binding of IndexedDB's {@code IDBDatabase}: only the members Keepsake uses. */
abstract class IDBDatabase implements JSObject {

    public abstract void close();

    public abstract JSObject createObjectStore(String name);

    @JSProperty
    public abstract void setOnversionchange(EventHandler handler);

    @JSProperty
    public abstract void setOnclose(EventHandler handler);

    /** Returns {@code db.objectStoreNames.contains(name)}. */
    @JSBody(params = {"db", "name"}, script = "return db.objectStoreNames.contains(name);")
    static native boolean hasObjectStore(IDBDatabase db, String name);

    /**
     * Calls {@code transaction(store, mode, {durability: "strict"})}; returns the transaction, or
     * {@code {failure: e}} if it threw (InvalidStateError once the connection is closing,
     * NotFoundError without the store). Strict: a {@code readwrite} transaction's
     * {@code complete} then waits until the data is flushed to disk (the browsers' default,
     * {@code relaxed} in Chromium, does not); browsers ignore the option for {@code readonly}.
     */
    @JSBody(params = {"db", "store", "mode"}, script = "try { return db.transaction(store, mode,"
            + " {durability: 'strict'}); } catch (error) { return {failure: error}; }")
    static native JSObject tryTransaction(IDBDatabase db, String store, String mode);
}
