package dev.keepsake.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-polls waiting for their scope to move. A waiter registers before the server reads the
 * scope's version, so a write that commits in between still wakes it; {@link #moved} runs
 * every waiter of the scope once and forgets them.
 */
final class Watchers {

    private final Map<String, List<Runnable>> waiting = new HashMap<>();

    synchronized void add(String scope, Runnable wake) {
        waiting.computeIfAbsent(scope, s -> new ArrayList<>()).add(wake);
    }

    synchronized void remove(String scope, Runnable wake) {
        List<Runnable> list = waiting.get(scope);
        if (list != null) {
            list.remove(wake);
            if (list.isEmpty()) {
                waiting.remove(scope);
            }
        }
    }

    /** Wakes every waiter of {@code scope}. */
    void moved(String scope) {
        List<Runnable> list;
        synchronized (this) {
            list = waiting.remove(scope);
        }
        if (list != null) {
            for (Runnable wake : list) {
                wake.run();
            }
        }
    }

    /** Wakes every waiter (after a lost notification connection, when changes may have been missed). */
    void movedAll() {
        List<String> scopes;
        synchronized (this) {
            scopes = new ArrayList<>(waiting.keySet());
        }
        for (String scope : scopes) {
            moved(scope);
        }
    }
}
