package dev.keepsake.browser.storage;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** Binding of IndexedDB's {@code IDBRequest}: only the members Keepsake uses. */
interface IDBRequest extends JSObject {

    @JSProperty
    JSObject getResult();

    @JSProperty
    JSObject getError();

    @JSProperty
    void setOnsuccess(EventHandler handler);

    @JSProperty
    void setOnerror(EventHandler handler);
}
