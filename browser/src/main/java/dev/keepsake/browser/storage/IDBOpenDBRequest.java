package dev.keepsake.browser.storage;

import org.teavm.jso.JSProperty;

/** Binding of IndexedDB's {@code IDBOpenDBRequest}. */
interface IDBOpenDBRequest extends IDBRequest {

    @JSProperty
    void setOnupgradeneeded(EventHandler handler);

    @JSProperty
    void setOnblocked(EventHandler handler);
}
