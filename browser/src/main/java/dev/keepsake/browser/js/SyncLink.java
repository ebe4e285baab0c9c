package dev.keepsake.browser.js;

import dev.keepsake.browser.sync.SyncElection;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.sync.SyncConflict;
import dev.keepsake.core.sync.SyncStatus;
import dev.keepsake.core.sync.WriteFate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;

/**
 * One page's sync of one storage with one scope, shared by every store and key-value layer on
 * them: every tab writes through its own {@link DeferredSync} (each write joins the outbox kept
 * in the shared storage), but only the tab holding the Web Lock {@link #lockName} starts its
 * sync and talks to the server ({@link SyncElection}). That leader tab tells the others, on a
 * {@code BroadcastChannel}, its status, each write's fate and the conflicts; the others tell it
 * when the page switches the sync off or on. Remote changes reach the other tabs' stores
 * through the storage itself ({@code storage} event or the announcing IndexedDB wrapper), as
 * any other tab's write does.
 *
 * <p>Messages (structured-cloned plain objects): {@code {t: "status", s}} and
 * {@code {t: "fate", f}} from the leader, {@code {t: "offline", v}}, {@code {t: "hello"}}
 * (asks the leader for its status) and {@code {t: "wrote"}} (a write is in the stored outbox:
 * the leader's sync reads the outbox again and pushes it) from the others.
 */
final class SyncLink {

    private final DeferredSync sync;
    private final String lockName;
    private final JSObject channel;
    private final JSArray<JSObject> conflicts = JSArray.create();
    private final List<JSObject> statusListeners = new ArrayList<>();
    private final List<JSObject> fateListeners = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    /** In a tab that does not sync: the final fates the leader reported of this tab's writes, by id. */
    private final Map<String, JSObject> finals = new HashMap<>();
    private boolean leader;
    private boolean offline;
    private JSObject heard;

    SyncLink(DeferredSync sync, String lockName) {
        this.sync = sync;
        this.lockName = lockName;
        this.channel = openChannel(lockName, this::received);
        sync.onStatus(status -> statusChanged());
        sync.onFate(this::fated);
        sync.onConflict(this::conflicted);
        onOnline(() -> {
            if (leader && !offline) {
                sync.setOnline(true);
            }
        });
        SyncElection.whenLeader(lockName, () -> {
            leader = true;
            if (offline) {
                sync.setOnline(false);
            }
            sync.start();
            statusChanged();
        });
        if (!leader) {
            post(channel, message("hello", null, false));
        }
    }

    DeferredSync sync() {
        return sync;
    }

    String lockName() {
        return lockName;
    }

    /** Returns the status as the page sees it: the leader tab's, wherever it runs. */
    JSObject status() {
        if (!leader && heard != null) {
            return heard;
        }
        return ownStatus();
    }

    private JSObject ownStatus() {
        SyncStatus s = sync.status();
        String state;
        if (s.state() == SyncStatus.State.SYNCING) {
            state = "syncing";
        } else if (s.state() == SyncStatus.State.UP_TO_DATE) {
            state = conflicts.getLength() > 0 || s.conflicts() > 0 ? "conflicts" : "up-to-date";
        } else {
            state = "offline";
        }
        Throwable error = s.lastError();
        return statusObject(state, s.pending(), copy(conflicts), s.rejected(), leader,
                error == null ? null : String.valueOf(error.getMessage()));
    }

    void setOffline(boolean value) {
        offline = value;
        if (leader) {
            sync.setOnline(!value);
        } else {
            post(channel, message("offline", null, value));
        }
    }

    JSObject onStatus(JSObject listener) {
        statusListeners.add(listener);
        return JsCalls.function(() -> statusListeners.remove(listener));
    }

    JSObject onFate(JSObject listener) {
        fateListeners.add(listener);
        return JsCalls.function(() -> fateListeners.remove(listener));
    }

    /**
     * Completes with the final fate of the latest write of backend key {@code key}: the sync's
     * own answer in the leader tab; in another tab, the final fate the leader reported (or
     * will report) of this tab's latest write of the key, if it made one, else at once as the
     * sync answers.
     */
    Async<JSObject> settled(String key) {
        if (!leader) {
            String latest = null;
            for (WriteFate pending : sync.pending()) {
                if (pending.key().equals(key)) {
                    latest = pending.id();
                }
            }
            if (latest != null) {
                JSObject heard = finals.get(latest);
                if (heard != null) {
                    return Async.of(heard);
                }
                Waiter waiter = new Waiter(key, latest);
                waiters.add(waiter);
                return waiter.done.async();
            }
        }
        return sync.settled(key).map(SyncLink::fateObject);
    }

    JSObject pendingWrites() {
        JSArray<JSObject> list = JSArray.create();
        for (WriteFate fate : sync.pending()) {
            list.push(fateObject(fate));
        }
        return list;
    }

    // ---- events ----------------------------------------------------------------------------

    private void statusChanged() {
        JSObject status = status();
        if (leader) {
            post(channel, messageWith("status", status));
        }
        for (JSObject listener : new ArrayList<>(statusListeners)) {
            JsCalls.notify1(listener, status);
        }
    }

    private void fated(WriteFate fate) {
        JSObject f = fateObject(fate);
        if (leader) {
            post(channel, messageWith("fate", f));
        } else if (!fate.isFinal()) {
            // This tab's write is in the stored outbox: the leader pushes it now, not at its next round.
            post(channel, message("wrote", null, false));
        }
        tellFate(f, fate.key(), fate.isFinal());
    }

    private void tellFate(JSObject f, String backendKey, boolean isFinal) {
        for (JSObject listener : new ArrayList<>(fateListeners)) {
            JsCalls.notify1(listener, f);
        }
        if (isFinal) {
            String id = id(f);
            for (Waiter waiter : new ArrayList<>(waiters)) {
                if (waiter.key.equals(backendKey) && waiter.id.equals(id)) {
                    waiters.remove(waiter);
                    waiter.done.complete(f);
                }
            }
        }
    }

    private void conflicted(SyncConflict conflict) {
        conflicts.push(conflictObject(userKey(conflict.key()), conflict.writeId()));
        statusChanged();
    }

    private void received(JSObject message) {
        String type = type(message);
        if (type.equals("hello")) {
            if (leader) {
                post(channel, messageWith("status", status()));
            }
        } else if (type.equals("wrote")) {
            if (leader && !offline) {
                sync.syncNow().recover(e -> null);   // offline or closed: the next round pushes it
            }
        } else if (type.equals("offline")) {
            boolean value = flag(message);
            offline = value;
            if (leader) {
                sync.setOnline(!value);
            }
        } else if (!leader && type.equals("status")) {
            heard = asFollower(payload(message));
            for (JSObject listener : new ArrayList<>(statusListeners)) {
                JsCalls.notify1(listener, heard);
            }
        } else if (!leader && type.equals("fate")) {
            JSObject f = payload(message);
            if (isFinal(f)) {
                String id = id(f);
                for (WriteFate mine : sync.pending()) {
                    if (mine.id().equals(id)) {
                        finals.put(id, f);   // settled(key) may be asked after the leader told
                        break;
                    }
                }
            }
            tellFate(f, backendKey(f), isFinal(f));
        }
    }

    // ---- conversions -----------------------------------------------------------------------

    /** The page's key of backend key {@code key}: after the key prefix's first unescaped ':'. */
    static String userKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':') {
                return key.substring(i + 1);
            } else if (c == '!') {
                return key;
            }
        }
        return key;
    }

    static JSObject fateObject(WriteFate fate) {
        String outcome;
        switch (fate.outcome()) {
            case APPLIED:
                outcome = "applied";
                break;
            case CONFLICT:
                outcome = "conflict";
                break;
            case REJECTED:
                outcome = "rejected";
                break;
            default:
                outcome = "pending";
        }
        return fateObject(userKey(fate.key()), fate.key(), fate.id(), outcome, fate.reason());
    }

    @JSBody(params = {"key", "backendKey", "id", "outcome", "reason"}, script = "return {key: key, id: id,"
            + " outcome: outcome, reason: reason, backendKey: backendKey};")
    private static native JSObject fateObject(String key, String backendKey, String id, String outcome, String reason);

    @JSBody(params = "fate", script = "return fate.backendKey;")
    private static native String backendKey(JSObject fate);

    @JSBody(params = "fate", script = "return String(fate.id);")
    private static native String id(JSObject fate);

    @JSBody(params = "fate", script = "return fate.outcome !== 'pending';")
    private static native boolean isFinal(JSObject fate);

    @JSBody(params = {"state", "pending", "conflicts", "rejected", "leader", "error"},
            script = "return {state: state, pending: pending, conflicts: conflicts, rejected: rejected,"
                    + " leader: leader, error: error};")
    private static native JSObject statusObject(String state, int pending, JSObject conflicts, int rejected,
            boolean leader, String error);

    @JSBody(params = "status", script = "var copy = Object.assign({}, status); copy.leader = false; return copy;")
    private static native JSObject asFollower(JSObject status);

    @JSBody(params = {"key", "id"}, script = "return {key: key, id: id};")
    private static native JSObject conflictObject(String key, String id);

    @JSBody(params = "array", script = "return array.slice();")
    private static native JSObject copy(JSObject array);

    @JSBody(params = {"t", "p", "v"}, script = "return {t: t, p: p, v: v};")
    private static native JSObject message(String t, JSObject p, boolean v);

    private static JSObject messageWith(String t, JSObject p) {
        return message(t, p, false);
    }

    @JSBody(params = "m", script = "return String(m && m.t);")
    private static native String type(JSObject m);

    @JSBody(params = "m", script = "return m.p;")
    private static native JSObject payload(JSObject m);

    @JSBody(params = "m", script = "return m.v === true;")
    private static native boolean flag(JSObject m);

    /** Receives a channel message. */
    @JSFunctor
    interface Receiver extends JSObject {
        void received(JSObject message);
    }

    /** Runs an action from a page event. */
    @JSFunctor
    interface Action extends JSObject {
        void run();
    }

    @JSBody(params = {"name", "receiver"}, script = "if (typeof BroadcastChannel === 'undefined') return null;"
            + " var channel = new BroadcastChannel(name);"
            + " channel.onmessage = function (event) { receiver(event.data); };"
            + " return channel;")
    private static native JSObject openChannel(String name, Receiver receiver);

    @JSBody(params = {"channel", "message"}, script = "if (channel !== null) {"
            + " try { channel.postMessage(message); } catch (e) { } }")
    private static native void post(JSObject channel, JSObject message);

    @JSBody(params = "action", script = "if (typeof addEventListener === 'function')"
            + " addEventListener('online', function () { action(); });")
    private static native void onOnline(Action action);

    /** A call to {@link #settled} in a tab that does not push, waiting for the leader's answer. */
    private static final class Waiter {
        final String key;
        final String id;
        final Async.Completer<JSObject> done = Async.completer();

        Waiter(String key, String id) {
            this.key = key;
            this.id = id;
        }
    }
}
