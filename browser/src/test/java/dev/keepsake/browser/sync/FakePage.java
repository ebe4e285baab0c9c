package dev.keepsake.browser.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link Page} driven by the test: it records the listeners installed (so that a test can
 * see that detaching removes them) and delivers events as another tab would cause them.
 */
final class FakePage implements Page {

    final List<Runnable> hideListeners = new ArrayList<>();
    final List<Consumer<String>> storageListeners = new ArrayList<>();
    final Map<String, List<Consumer<String>>> channelListeners = new LinkedHashMap<>();
    /** Each announcement as "channel=key,key" or "channel=*" for everything. */
    final List<String> announcements = new ArrayList<>();

    @Override
    public Runnable onHide(Runnable listener) {
        hideListeners.add(listener);
        return () -> hideListeners.remove(listener);
    }

    @Override
    public Runnable onStorage(Consumer<String> listener) {
        storageListeners.add(listener);
        return () -> storageListeners.remove(listener);
    }

    @Override
    public Runnable onChannel(String name, Consumer<String> listener) {
        List<Consumer<String>> listeners = channelListeners.computeIfAbsent(name, n -> new ArrayList<>());
        listeners.add(listener);
        return () -> {
            listeners.remove(listener);
            if (listeners.isEmpty()) {
                channelListeners.remove(name);
            }
        };
    }

    @Override
    public void announce(String name, List<String> keys) {
        announcements.add(name + "=" + (keys == null ? "*" : String.join(",", keys)));
    }

    void hide() {
        for (Runnable listener : new ArrayList<>(hideListeners)) {
            listener.run();
        }
    }

    /** Delivers a storage event for {@code localStorageKey} (null: localStorage was cleared). */
    void storageEvent(String localStorageKey) {
        for (Consumer<String> listener : new ArrayList<>(storageListeners)) {
            listener.accept(localStorageKey);
        }
    }

    /** Delivers a message from another tab announcing {@code key} (null: everything). */
    void channelMessage(String name, String key) {
        for (Consumer<String> listener : new ArrayList<>(channelListeners.getOrDefault(name, List.of()))) {
            listener.accept(key);
        }
    }

    int channelListenerCount() {
        int count = 0;
        for (List<Consumer<String>> listeners : channelListeners.values()) {
            count += listeners.size();
        }
        return count;
    }
}
