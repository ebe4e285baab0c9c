package dev.keepsake.browser.storage;

import org.teavm.jso.JSObject;

/**
 * Binding of IndexedDB's {@code IDBObjectStore} (out-of-line keys). Includes
 * {@code getAllKeys}, which TeaVM's own binding lacks.
 */
interface IDBObjectStore extends JSObject {

    IDBRequest put(JSObject value, String key);

    IDBRequest get(String key);

    IDBRequest delete(String key);

    IDBRequest count(String key);

    IDBRequest clear();

    IDBRequest getAllKeys();

    IDBRequest openCursor();
}
