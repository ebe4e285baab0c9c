package dev.keepsake.browser.sync;

import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * {@link Page} on the real DOM: {@code visibilitychange} and {@code pagehide}, the
 * {@code storage} event, and {@code BroadcastChannel}. Bindings only; where an API is missing
 * (a worker has no {@code document}; old browsers lack {@code BroadcastChannel}) the listener
 * is simply never called.
 *
 * <p>Messages on a channel are {@code {from, keys}}: {@code from} is this page's random id, so
 * that the page ignores what it announced itself (a {@code BroadcastChannel} delivers to every
 * other channel object of the same name, including this page's own listeners), and
 * {@code keys} is an array of backend keys, or null for "everything".
 */
final class DomPage implements Page {

    private static final DomPage INSTANCE = new DomPage();

    private final String id = randomId();

    /** The channels announcements are posted on, by name (a JS Map). */
    private final JSObject channels = newMap();

    private DomPage() {
    }

    static DomPage get() {
        return INSTANCE;
    }

    @Override
    public Runnable onHide(Runnable listener) {
        JSObject remove = addHideListener(listener::run);
        return () -> call(remove);
    }

    @Override
    public Runnable onStorage(Consumer<String> listener) {
        JSObject remove = addStorageListener((all, key) -> listener.accept(all ? null : key));
        return () -> call(remove);
    }

    @Override
    public Runnable onChannel(String name, Consumer<String> listener) {
        JSObject remove = addChannelListener(name, id, (all, key) -> listener.accept(all ? null : key));
        return () -> call(remove);
    }

    @Override
    public void announce(String name, List<String> keys) {
        JSObject array = null;
        if (keys != null) {
            array = newArray();
            for (String key : keys) {
                push(array, key);
            }
        }
        post(channels, name, id, array);
    }

    /** A parameterless callback. */
    @JSFunctor
    interface Callback extends JSObject {
        void call();
    }

    /** A key callback: {@code all} true means every key (and {@code key} is empty). */
    @JSFunctor
    interface KeyCallback extends JSObject {
        void changed(boolean all, String key);
    }

    // Locals in these scripts have long names: TeaVM's minifier renames parameters to short
    // names, which a short local could shadow.

    @JSBody(params = "hideListener", script = ""
            + "if (typeof document === 'undefined' || typeof window === 'undefined') return function() {};"
            + "var onVisibilityChange = function() {"
            + " if (document.visibilityState === 'hidden') hideListener(); };"
            + "var onPageHide = function() { hideListener(); };"
            + "document.addEventListener('visibilitychange', onVisibilityChange);"
            + "window.addEventListener('pagehide', onPageHide);"
            + "return function() {"
            + " document.removeEventListener('visibilitychange', onVisibilityChange);"
            + " window.removeEventListener('pagehide', onPageHide); };")
    private static native JSObject addHideListener(Callback hideListener);

    @JSBody(params = "storageListener", script = ""
            + "if (typeof window === 'undefined') return function() {};"
            + "var onStorageEvent = function(storageEvent) {"
            + " var ownArea = null;"
            + " try { ownArea = window.localStorage; } catch (storageError) { return; }"
            + " if (storageEvent.storageArea !== ownArea) return;"
            + " if (storageEvent.key === null) storageListener(true, '');"
            + " else storageListener(false, String(storageEvent.key)); };"
            + "window.addEventListener('storage', onStorageEvent);"
            + "return function() { window.removeEventListener('storage', onStorageEvent); };")
    private static native JSObject addStorageListener(KeyCallback storageListener);

    @JSBody(params = {"channelName", "pageId", "keyListener"}, script = ""
            + "if (typeof BroadcastChannel === 'undefined') return function() {};"
            + "var listeningChannel = new BroadcastChannel(channelName);"
            + "listeningChannel.onmessage = function(messageEvent) {"
            + " var message = messageEvent.data;"
            + " if (message === null || typeof message !== 'object' || message.from === pageId) return;"
            + " if (message.keys === null) { keyListener(true, ''); return; }"
            + " if (!Array.isArray(message.keys)) return;"
            + " for (var keyIndex = 0; keyIndex < message.keys.length; keyIndex++) {"
            + "  if (typeof message.keys[keyIndex] === 'string') keyListener(false, message.keys[keyIndex]); } };"
            + "return function() { listeningChannel.onmessage = null; listeningChannel.close(); };")
    private static native JSObject addChannelListener(String channelName, String pageId, KeyCallback keyListener);

    // One sending channel per name, made on the first announcement and kept open for the page's
    // life (the browser closes it with the page): creating and closing a channel per write cost
    // about a tenth of an IndexedDB write's main-thread time. A channel never delivers to
    // itself, so keeping it open adds no listener to this page.
    @JSBody(params = {"sendingChannels", "channelName", "pageId", "keyArray"}, script = ""
            + "if (typeof BroadcastChannel === 'undefined') return;"
            + "var sendingChannel = sendingChannels.get(channelName);"
            + "if (!sendingChannel) {"
            + " sendingChannel = new BroadcastChannel(channelName);"
            + " sendingChannels.set(channelName, sendingChannel); }"
            + "sendingChannel.postMessage({from: pageId, keys: keyArray});")
    private static native void post(JSObject sendingChannels, String channelName, String pageId, JSObject keyArray);

    @JSBody(script = "return new Map();")
    private static native JSObject newMap();

    @JSBody(script = "return [];")
    private static native JSObject newArray();

    @JSBody(params = {"targetArray", "element"}, script = "targetArray.push(element);")
    private static native void push(JSObject targetArray, String element);

    @JSBody(params = "removal", script = "removal();")
    private static native void call(JSObject removal);

    @JSBody(script = "return Math.random().toString(36).slice(2) + '-' + Date.now().toString(36);")
    private static native String randomId();
}
