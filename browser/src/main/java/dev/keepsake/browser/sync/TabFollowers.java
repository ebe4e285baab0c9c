package dev.keepsake.browser.sync;

import dev.keepsake.browser.storage.IndexedDbBackend;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** The logic behind {@link TabSync}, over a {@link Page} so that tests can drive it. */
final class TabFollowers {

    private final Page page;
    private final HideFlushes hides;
    private final Locks locks;
    private final StorageBackend journal;
    private final Scheduler scheduler;
    private final List<Followed> followers = new ArrayList<>();

    /**
     * Follows changes on {@code page}; IndexedDB backends journal into {@code journal} (a
     * localStorage backend with prefix {@link JournaledBackend#PREFIX}) when {@code hides}
     * reports the page hidden, and replay under {@code locks}, live replays delayed on
     * {@code scheduler}.
     */
    TabFollowers(Page page, HideFlushes hides, Locks locks, StorageBackend journal, Scheduler scheduler) {
        this.page = Objects.requireNonNull(page, "page");
        this.hides = Objects.requireNonNull(hides, "hides");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Wraps an IndexedDB backend so that its writes are announced, and journaled when the page
     * is hidden before they commit; returns other backends as they are.
     */
    StorageBackend announcing(StorageBackend backend) {
        Objects.requireNonNull(backend, "backend");
        if (backend instanceof IndexedDbBackend indexed) {
            AnnouncingBackend announcing = new AnnouncingBackend(indexed, page,
                    StorageKeys.channelName(indexed.database(), indexed.store()));
            JournaledBackend journaled = new JournaledBackend(announcing, journal,
                    StorageKeys.journalNamespace(indexed.database(), indexed.store()), locks, scheduler);
            hides.registerAfterFlushes(journaled, journaled::journalUncommitted);
            return journaled;
        }
        return backend;
    }

    /**
     * Reloads {@code target} through {@code reload} whenever another tab changes what is stored
     * under {@code backendKey} (a manager's {@link dev.keepsake.core.manager.PersistenceConfig#storageKey})
     * in {@code backend}.
     */
    Attachment follow(Object target, StorageBackend backend, String backendKey, Supplier<? extends Async<?>> reload) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(backendKey, "backendKey");
        Objects.requireNonNull(reload, "reload");
        JournaledBackend journaled = backend instanceof JournaledBackend j ? j : null;
        StorageBackend inner = journaled != null ? journaled.delegate() : backend;
        inner = inner instanceof AnnouncingBackend announcing ? announcing.delegate() : inner;
        String source;
        String followedKey;
        if (inner instanceof LocalStorageBackend local) {
            source = null;
            followedKey = StorageKeys.localStorageKey(local.prefix(), backendKey);
        } else if (inner instanceof IndexedDbBackend indexed) {
            source = StorageKeys.channelName(indexed.database(), indexed.store());
            followedKey = backendKey;
        } else {
            // Memory and unknown backends are not shared between tabs: nothing to follow.
            return Inert.INSTANCE;
        }
        for (Followed existing : followers) {
            if (existing.target == target && existing.follower.key().equals(followedKey)
                    && Objects.equals(existing.source, source) && existing.follower.isAttached()) {
                return existing.follower;
            }
        }
        // A key another tab journaled when it was hidden (it may have been closed before its
        // write committed) is replayed here a moment later, and then reloaded.
        String journalKey = journaled == null ? null
                : StorageKeys.localStorageKey(JournaledBackend.PREFIX, journaled.namespace() + backendKey);
        KeyFollower follower = new KeyFollower(target, followedKey, reload, listener -> {
            Runnable remove = source == null ? page.onStorage(listener) : page.onChannel(source, listener);
            Runnable removeJournal = journalKey == null ? () -> { } : page.onStorage(changed -> {
                if (changed == null || journalKey.equals(changed)) {
                    journaled.replaySoon().whenComplete((done, failure) -> listener.accept(followedKey));
                }
            });
            return () -> {
                remove.run();
                removeJournal.run();
                followers.removeIf(f -> !f.follower.isAttached());
            };
        });
        followers.add(new Followed(target, source, follower));
        return follower;
    }

    /** Returns how many attachments are live. */
    int size() {
        return followers.size();
    }

    /** A live follower, what it follows, and for whom. */
    private record Followed(Object target, String source, KeyFollower follower) {
    }

    /** The attachment of a backend that has nothing to follow. */
    private static final class Inert implements Attachment {
        static final Inert INSTANCE = new Inert();

        @Override
        public void detach() {
        }

        @Override
        public boolean isAttached() {
            return false;
        }
    }
}
