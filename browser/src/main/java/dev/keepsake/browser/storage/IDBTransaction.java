package dev.keepsake.browser.storage;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** Binding of IndexedDB's {@code IDBTransaction}: only the members Keepsake uses. */
interface IDBTransaction extends JSObject {

    IDBObjectStore objectStore(String name);

    void abort();

    @JSProperty
    JSObject getError();

    @JSProperty
    void setOncomplete(EventHandler handler);

    @JSProperty
    void setOnerror(EventHandler handler);

    @JSProperty
    void setOnabort(EventHandler handler);
}
