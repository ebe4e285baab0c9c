package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Binding of IndexedDB's {@code IDBFactory} ({@code window.indexedDB}). Detection uses
 * {@code typeof indexedDB}, because TeaVM's own {@code IDBFactory.isSupported()} throws where
 * {@code indexedDB} is not declared at all.
 */
abstract class IDBFactory implements JSObject {

    public abstract IDBOpenDBRequest deleteDatabase(String name);

    /** Returns {@code indexedDB}, or null where it is undeclared, null, or throws on access. */
    @JSBody(script = "try { return typeof indexedDB === 'undefined' || indexedDB === null"
            + " ? null : indexedDB; } catch (error) { return null; }")
    static native IDBFactory current();

    /** Calls {@code open(name, version)}; returns the request, or {@code {failure: e}} if it threw. */
    @JSBody(params = {"factory", "name", "version"},
            script = "try { return factory.open(name, version); } catch (error) { return {failure: error}; }")
    static native JSObject tryOpen(IDBFactory factory, String name, int version);

    /** Returns what a {@code try*} helper caught, or null if the call returned normally. */
    @JSBody(params = "outcome", script = "return outcome != null && outcome.hasOwnProperty('failure')"
            + " ? (outcome.failure == null ? new Error('unknown failure') : outcome.failure) : null;")
    static native JSObject failureOf(JSObject outcome);
}
