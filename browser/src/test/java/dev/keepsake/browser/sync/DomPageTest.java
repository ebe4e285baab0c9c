package dev.keepsake.browser.sync;

import static org.junit.Assert.assertEquals;

import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.async.Async;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The DOM bindings in the browser (JS and wasm-gc) with synthetic events: which events count
 * as hiding, which storage events and channel messages are passed on, and that removing a
 * listener really removes it. Real hiding, real storage events and real second tabs are in
 * {@link SyncPageTest}.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class DomPageTest {

    private final DomPage page = DomPage.get();

    @Test
    public void hidingMeansAHiddenVisibilityChangeOrAPageHide() {
        List<String> heard = new ArrayList<>();
        Runnable remove = page.onHide(() -> heard.add("hide"));
        try {
            fakeVisibility("visible");
            dispatchOnDocument("visibilitychange");
            assertEquals("becoming visible is not hiding", List.of(), heard);
            fakeVisibility("hidden");
            dispatchOnDocument("visibilitychange");
            dispatchOnWindow("pagehide");
            assertEquals(List.of("hide", "hide"), heard);
        } finally {
            remove.run();
        }
        dispatchOnDocument("visibilitychange");
        dispatchOnWindow("pagehide");
        restoreVisibility();
        assertEquals("removed", List.of("hide", "hide"), heard);
    }

    @Test
    public void storageEventsOfLocalStorageArePassedOnWithTheirKey() {
        List<String> heard = new ArrayList<>();
        Runnable remove = page.onStorage(heard::add);
        dispatchStorage("site:keepsake:todos", true);
        dispatchStorage("session:key", false);
        dispatchStorage(null, true);
        remove.run();
        dispatchStorage("after:removal", true);
        assertEquals(Arrays.asList("site:keepsake:todos", null), heard);
    }

    @Test
    public void channelMessagesFromOtherPagesArePassedOnAndOwnAnnouncementsAreNot() {
        String name = "dom-page-test-" + (int) (Math.random() * 1e9);
        JSObject otherPage = listenAsOtherPage(name);
        List<String> heard = new ArrayList<>();
        Async.Completer<Void> end = Async.completer();
        Runnable remove = page.onChannel(name, key -> {
            heard.add(key);
            if ("end".equals(key)) {
                end.complete(null);
            }
        });
        page.announce(name, List.of("own"));
        page.announce(name, null);
        postAsOtherPage(name, "{\"from\": \"other\", \"keys\": [\"a\", \"b\"]}");
        postAsOtherPage(name, "{\"from\": \"other\", \"keys\": null}");
        postAsOtherPage(name, "\"not an object\"");
        postAsOtherPage(name, "{\"from\": \"other\", \"keys\": [1, \"c\"]}");
        postAsOtherPage(name, "{\"from\": \"other\", \"keys\": [\"end\"]}");
        Blocking.await(end.async());
        remove.run();

        assertEquals(Arrays.asList("a", "b", null, "c", "end"), heard);
        assertEquals("the other page heard this page's announcements", "own|*", received(otherPage));
    }

    @Test
    public void announcementsOnOneNameShareOneLongLivedChannel() {
        String name = "dom-page-test-reuse-" + (int) (Math.random() * 1e9);
        JSObject otherPage = listenAsOtherPage(name);
        JSObject counting = countChannelsMade();
        try {
            page.announce(name, List.of("a"));
            page.announce(name, List.of("b"));
            page.announce(name, null);
        } finally {
            restoreChannels(counting);
        }
        assertEquals("one channel for three announcements", 1, channelsMade(counting));
        Async.Completer<Void> heardAll = Async.completer();
        pollUntil(otherPage, "a|b|*", () -> heardAll.complete(null));
        Blocking.await(heardAll.async());
        assertEquals("every announcement still arrives, in order", "a|b|*", received(otherPage));
    }

    /** Replaces the global BroadcastChannel with a subclass that counts constructions. */
    @JSBody(script = "var counting = {original: BroadcastChannel, made: 0};"
            + "BroadcastChannel = function(channelName) {"
            + " counting.made++; return new counting.original(channelName); };"
            + "return counting;")
    private static native JSObject countChannelsMade();

    @JSBody(params = "counting", script = "BroadcastChannel = counting.original;")
    private static native void restoreChannels(JSObject counting);

    @JSBody(params = "counting", script = "return counting.made;")
    private static native int channelsMade(JSObject counting);

    /** Calls {@code done} once {@code listening} has received {@code expected} (polled every 10 ms, up to 5 s). */
    @JSBody(params = {"listening", "expected", "done"}, script = "var deadline = Date.now() + 5000;"
            + "var poll = function() { if (listening.got.join('|') === expected || Date.now() > deadline) done();"
            + " else setTimeout(poll, 10); }; poll();")
    private static native void pollUntil(JSObject listening, String expected, Done done);

    /** A parameterless callback. */
    @org.teavm.jso.JSFunctor
    interface Done extends JSObject {
        void complete();
    }

    @JSBody(params = "state", script = "Object.defineProperty(document, 'visibilityState',"
            + " {configurable: true, get: function() { return state; }});")
    private static native void fakeVisibility(String state);

    @JSBody(script = "delete document.visibilityState;")
    private static native void restoreVisibility();

    @JSBody(params = "type", script = "document.dispatchEvent(new Event(type));")
    private static native void dispatchOnDocument(String type);

    @JSBody(params = "type", script = "window.dispatchEvent(new Event(type));")
    private static native void dispatchOnWindow(String type);

    @JSBody(params = {"storageKey", "local"}, script = "window.dispatchEvent(new StorageEvent('storage',"
            + " {key: storageKey, storageArea: local ? localStorage : sessionStorage}));")
    private static native void dispatchStorage(String storageKey, boolean local);

    @JSBody(params = {"channelName", "json"}, script = "var postingChannel = new BroadcastChannel(channelName);"
            + "postingChannel.postMessage(JSON.parse(json)); postingChannel.close();")
    private static native void postAsOtherPage(String channelName, String json);

    @JSBody(params = "channelName", script = "var listening = {channel: new BroadcastChannel(channelName), got: []};"
            + "listening.channel.onmessage = function(messageEvent) {"
            + " if (messageEvent.data === null || typeof messageEvent.data !== 'object'"
            + "  || messageEvent.data.from === 'other') return;"
            + " listening.got.push(messageEvent.data.keys === null ? '*' : messageEvent.data.keys.join(',')); };"
            + "return listening;")
    private static native JSObject listenAsOtherPage(String channelName);

    @JSBody(params = "listening", script = "listening.channel.close(); return listening.got.join('|');")
    private static native String received(JSObject listening);
}
