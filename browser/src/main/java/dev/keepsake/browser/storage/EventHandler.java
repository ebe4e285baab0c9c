package dev.keepsake.browser.storage;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** Binding of an IndexedDB event handler attribute's callback ({@code onsuccess} and the like). */
@JSFunctor
interface EventHandler extends JSObject {
    void handleEvent(JSObject event);
}
