package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reloads a store when another tab changed its key: one {@link TabSync} attachment.
 *
 * <p>Reloads do not pile up: a change heard while a reload runs schedules exactly one more,
 * started when the running one completes, so that the last read begins after the last change
 * heard. A reload that throws {@link IllegalStateException} means the store was closed: the
 * follower then detaches itself, so a forgotten attachment does not keep a closed store alive.
 */
final class KeyFollower implements Attachment, Consumer<String> {

    private final Object target;
    private final String key;
    private final Supplier<? extends Async<?>> reload;
    private Runnable removeListener;
    private boolean reloading;
    private boolean again;

    /**
     * Follows changes to {@code key} (null-key notifications mean "everything") and installs
     * itself with {@code listen}, which returns what removes the listener.
     */
    KeyFollower(Object target, String key, Supplier<? extends Async<?>> reload,
            Function<Consumer<String>, Runnable> listen) {
        this.target = Objects.requireNonNull(target, "target");
        this.key = Objects.requireNonNull(key, "key");
        this.reload = Objects.requireNonNull(reload, "reload");
        this.removeListener = listen.apply(this);
    }

    Object target() {
        return target;
    }

    String key() {
        return key;
    }

    /** Hears that {@code changedKey} changed elsewhere (null: everything may have). */
    @Override
    public void accept(String changedKey) {
        if (removeListener != null && (changedKey == null || changedKey.equals(key))) {
            reloadNow();
        }
    }

    private void reloadNow() {
        if (reloading) {
            again = true;
            return;
        }
        reloading = true;
        Async<?> reloaded;
        try {
            reloaded = reload.get();
        } catch (IllegalStateException closed) {
            reloading = false;
            detach();
            return;
        }
        reloaded.whenComplete((value, failure) -> {
            // A failed reload was reported to the store's error listener; the store keeps its value.
            reloading = false;
            if (again) {
                again = false;
                if (removeListener != null) {
                    reloadNow();
                }
            }
        });
    }

    @Override
    public void detach() {
        Runnable remove = removeListener;
        if (remove != null) {
            removeListener = null;
            again = false;
            remove.run();
        }
    }

    @Override
    public boolean isAttached() {
        return removeListener != null;
    }

    @Override
    public String toString() {
        return "following " + key + " for " + target + (isAttached() ? "" : " (detached)");
    }
}
