package dev.keepsake.browser.storage;

import dev.keepsake.core.backend.StorageBackend;
import java.util.List;
import java.util.Objects;

/**
 * Which backend {@link BrowserBackends#openDefault} chose, and why it passed over the ones it
 * prefers: so that a page can tell its user "your data stays in this tab only" when storage is
 * blocked.
 *
 * @param backend the backend to use; it passed a probe write and delete (memory needs none)
 * @param kind what kind of backend it is
 * @param rejected one line per better backend that failed its probe, in order of preference,
 *     such as {@code "indexedDB: ... blocked ..."}; empty when the first choice worked
 */
public record BackendChoice(StorageBackend backend, Kind kind, List<String> rejected) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if any argument is null
     */
    public BackendChoice {

        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(kind, "kind");
        rejected = List.copyOf(rejected);
    }

    /** Returns whether data written through {@link #backend()} outlives the page. */
    public boolean isPersistent() {
        return kind != Kind.MEMORY;
    }

    /** The kinds of browser backend, best first. */
    public enum Kind {
        /** {@link IndexedDbBackend}: large values, transactions. */
        INDEXED_DB,
        /** {@link LocalStorageBackend}: a few megabytes per origin. */
        LOCAL_STORAGE,
        /** {@link dev.keepsake.core.backend.MemoryBackend}: lost when the page goes away. */
        MEMORY
    }
}
