package dev.keepsake.browser.js;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * The {@code sync} property of a store or key-value layer of {@code keepsake-sync.js}: the
 * sync's status, each write's fate and the pretend-offline switch ({@code keepsake-sync.d.ts}
 * describes the objects).
 */
public interface JsSync extends JSObject {

    /** The current {@code {state, pending, conflicts, rejected, leader, error}}. */
    @JSProperty
    JSObject getStatus();

    /** Calls {@code listener} with every new status; returns what unsubscribes. */
    JSObject onStatus(JSObject listener);

    /** Calls {@code listener} with every write's fate; returns what unsubscribes. */
    JSObject onFate(JSObject listener);

    /** Resolves with the final fate of the latest write of {@code key}. */
    JSPromise<JSObject> settled(String key);

    /** The writes the server has not answered yet, oldest first. */
    JSObject pendingWrites();

    /** Pretends the network is gone ({@code true}) or back. */
    void setOffline(boolean offline);
}
