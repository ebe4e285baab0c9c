package dev.keepsake.browser.js;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * A persisted state machine as pages see it ({@code createMachine}): events are applied at once
 * ({@code send} returns whether a transition fired); the snapshot is saved behind them and
 * restored on the next start.
 */
public interface JsMachine extends JSObject {

    /** Applies an event; returns whether a transition fired. */
    boolean send(String type, JSObject payload);

    /** Returns whether the event would fire a transition now. */
    boolean can(String type, JSObject payload);

    /** Calls {@code listener(state, context, previousState)} after every change; returns the function that stops it. */
    JSObject subscribe(JSObject listener);

    /** Resolves when the latest snapshot is durable. */
    JSPromise<JSObject> flush();

    /** Flushes and releases the machine's storage. */
    JSPromise<JSObject> close();

    /** Reads the snapshot again (another tab moved the machine) and restores it. */
    JSPromise<JSObject> reload();

    /** Resolves with the backend and its usage. */
    JSPromise<JSObject> info();

    /** Returns the current state's name. */
    @JSProperty
    String getState();

    /** Returns the current context, deeply frozen: the same object until it changes. */
    @JSProperty
    JSObject getContext();

    /** Returns every state name, the initial one first. */
    @JSProperty
    JSObject getStates();

    /** Returns the promise that resolves with this machine once its snapshot was restored. */
    @JSProperty
    JSPromise<JSObject> getReady();

    /** Returns the backend in use, or null while it is being chosen. */
    @JSProperty
    String getBackend();
}
