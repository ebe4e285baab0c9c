package dev.keepsake.browser.storage;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the best storage this page can really use: IndexedDB, else localStorage, else
 * memory. Presence is not enough (Safari's private mode once had a localStorage that refused
 * every write; a blocked third-party frame has an {@code indexedDB} that fails to open), so each
 * candidate must pass a probe: writing and deleting one small entry.
 */
public final class BrowserBackends {

    /**
     * The probe's key. It starts with NUL, which no sensible application key does, and the
     * probe deletes it again, so it is never seen by {@code listKeys} of a quiet backend.
     */
    static final String PROBE_KEY = "\u0000keepsake-probe";

    private BrowserBackends() {
    }

    /**
     * Returns the first backend that passes its probe: IndexedDB (database {@code name}, store
     * {@code "values"}, version 1), then localStorage (prefix {@code name}), then memory. Never
     * fails: memory always works, and the reasons the others were passed over are in the
     * choice.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is not a valid localStorage prefix
     *     (empty, malformed, or containing {@code ':'})
     */
    public static Async<BackendChoice> openDefault(String name) {
        Objects.requireNonNull(name, "name");
        LocalStorageBackend local = LocalStorageBackend.create(name);
        IndexedDbBackend indexed = IndexedDbBackend.builder().database(name).build();
        return choose(List.of(
                new Candidate(BackendChoice.Kind.INDEXED_DB, indexed),
                new Candidate(BackendChoice.Kind.LOCAL_STORAGE, local)));
    }

    /** Returns the first candidate that passes its probe, else memory; package-private for tests. */
    static Async<BackendChoice> choose(List<Candidate> candidates) {
        return tryFrom(candidates, 0, new ArrayList<>());
    }

    private static Async<BackendChoice> tryFrom(List<Candidate> candidates, int index, List<String> rejected) {
        if (index == candidates.size()) {
            return Async.of(new BackendChoice(MemoryBackend.create(), BackendChoice.Kind.MEMORY, rejected));
        }
        Candidate candidate = candidates.get(index);
        return probe(candidate.backend())
                .map(ok -> new BackendChoice(candidate.backend(), candidate.kind(), rejected))
                .recoverWith(failure -> {
                    rejected.add(candidate.backend().name() + ": " + failure.getMessage());
                    if (candidate.backend() instanceof IndexedDbBackend indexed) {
                        indexed.close();
                    }
                    return tryFrom(candidates, index + 1, rejected);
                });
    }

    private static Async<Void> probe(StorageBackend backend) {
        return Async.attempt(() -> backend.save(PROBE_KEY, new byte[] {1})
                .flatMap(saved -> backend.delete(PROBE_KEY)));
    }

    /** A backend to try, and what kind it is. */
    record Candidate(BackendChoice.Kind kind, StorageBackend backend) {
    }
}
