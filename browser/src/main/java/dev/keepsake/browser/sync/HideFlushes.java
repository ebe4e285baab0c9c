package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The things to flush when the page is hidden or left. The page listener is installed with the
 * first registration and removed with the last, so an empty registry listens to nothing.
 * Registering a target that is already registered returns its existing attachment, so it is
 * flushed once per hide however often it was registered.
 */
final class HideFlushes {

    private final Page page;
    private final List<Registration> registrations = new ArrayList<>();
    private Runnable removeListener;

    HideFlushes(Page page) {
        this.page = Objects.requireNonNull(page, "page");
    }

    /** Registers {@code flush}, which flushes {@code target}; identity of the target decides "already registered". */
    Attachment register(Object target, Supplier<? extends Async<?>> flush) {
        return register(target, flush, false);
    }

    /**
     * Registers {@code afterFlushes}, run on each hide after every flush has started: for what
     * must see the writes the flushes began (the journal of uncommitted writes).
     */
    Attachment registerAfterFlushes(Object target, Runnable afterFlushes) {
        Objects.requireNonNull(afterFlushes, "afterFlushes");
        return register(target, () -> {
            afterFlushes.run();
            return Async.done();
        }, true);
    }

    private Attachment register(Object target, Supplier<? extends Async<?>> flush, boolean last) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(flush, "flush");
        for (Registration existing : registrations) {
            if (existing.target == target) {
                return existing;
            }
        }
        Registration registration = new Registration(target, flush, last);
        registrations.add(registration);
        if (removeListener == null) {
            removeListener = page.onHide(this::pageHidden);
        }
        return registration;
    }

    /** Returns how many targets are registered. */
    int size() {
        return registrations.size();
    }

    /**
     * Flushes every registered target, each on its own: one failing does not stop the others;
     * then runs what was registered to run after the flushes.
     */
    void pageHidden() {
        List<Registration> all = new ArrayList<>(registrations);
        for (Registration registration : all) {
            if (!registration.last) {
                registration.flush();
            }
        }
        for (Registration registration : all) {
            if (registration.last) {
                registration.flush();
            }
        }
    }

    private void remove(Registration registration) {
        if (registrations.remove(registration) && registrations.isEmpty() && removeListener != null) {
            Runnable remove = removeListener;
            removeListener = null;
            remove.run();
        }
    }

    private final class Registration implements Attachment {
        final Object target;
        final Supplier<? extends Async<?>> flush;
        final boolean last;
        boolean attached = true;

        Registration(Object target, Supplier<? extends Async<?>> flush, boolean last) {
            this.target = target;
            this.flush = flush;
            this.last = last;
        }

        void flush() {
            try {
                // Failures are the target's to report (its error strategy and listeners);
                // the page is going away and there is no one else to tell.
                flush.get();
            } catch (IllegalStateException closed) {
                // A closed store or manager refuses to flush: it has nothing left to write.
                detach();
            }
        }

        @Override
        public void detach() {
            if (attached) {
                attached = false;
                remove(this);
            }
        }

        @Override
        public boolean isAttached() {
            return attached;
        }

        @Override
        public String toString() {
            return "flush on hide of " + target + (attached ? "" : " (detached)");
        }
    }
}
