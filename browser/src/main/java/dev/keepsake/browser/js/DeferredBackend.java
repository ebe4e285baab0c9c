package dev.keepsake.browser.js;

import dev.keepsake.browser.storage.BackendChoice;
import dev.keepsake.browser.storage.BrowserBackends;
import dev.keepsake.browser.storage.IndexedDbBackend;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.browser.sync.TabSync;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend a page asked for by name ({@code 'indexeddb'}, {@code 'localstorage'},
 * {@code 'memory'} or {@code 'auto'}), usable at once although choosing it is asynchronous
 * ({@code 'auto'} probes IndexedDB, then localStorage): every operation waits for the choice.
 * That lets {@code openStore} return a working store synchronously.
 *
 * <p>One page shares one backend per (kind, name): a store, a key-value layer and a machine
 * under the same name use one IndexedDB connection. A {@code Backend} object the page made
 * ({@code indexedDbBackend()}, ...) is used as it is, one shared wrapper per object
 * ({@link #of(BackendAdapter, String)}).
 */
final class DeferredBackend implements StorageBackend {

    private static final Map<String, DeferredBackend> SHARED = new HashMap<>();

    private final String id;
    private final String name;
    private final Async<BackendChoice> choice;

    private DeferredBackend(String id, String name, Async<BackendChoice> choice) {
        this.id = id;
        this.name = name;
        this.choice = choice;
    }

    /**
     * Returns the shared backend of {@code kind} named {@code name}.
     *
     * @throws IllegalArgumentException if {@code kind} is unknown or {@code name} invalid
     */
    static DeferredBackend of(String kind, String name) {
        String id = kind + ":" + name;
        DeferredBackend shared = SHARED.get(id);
        if (shared == null) {
            // Wrapped so that IndexedDB writes are announced to other tabs (localStorage
            // announces itself through the storage event).
            shared = new DeferredBackend(id, name, choose(kind, name).map(TabSync::announcing));
            SHARED.put(id, shared);
        }
        return shared;
    }

    /** Returns the shared wrapper of the backend {@code adapter} presents to the page. */
    static DeferredBackend of(BackendAdapter adapter, String name) {
        if (adapter.deferred == null) {
            StorageBackend backend = adapter.backend();
            BackendChoice.Kind kind = backend instanceof IndexedDbBackend ? BackendChoice.Kind.INDEXED_DB
                    : backend instanceof LocalStorageBackend ? BackendChoice.Kind.LOCAL_STORAGE
                    : BackendChoice.Kind.MEMORY;
            // Its own id per adapter: a backend object the page made is shared only through itself.
            adapter.deferred = new DeferredBackend("object:" + backend.name() + ":" + name, name,
                    Async.of(TabSync.announcing(new BackendChoice(backend, kind, new ArrayList<>()))));
        }
        return adapter.deferred;
    }

    private static Async<BackendChoice> choose(String kind, String name) {
        // Comparisons, not a switch over strings: see JsConfig.strategy.
        if (kind.equals("auto")) {
            return BrowserBackends.openDefault(name);
        }
        StorageBackend backend;
        BackendChoice.Kind chosen;
        if (kind.equals("indexeddb")) {
            backend = IndexedDbBackend.builder().database(name).build();
            chosen = BackendChoice.Kind.INDEXED_DB;
        } else if (kind.equals("localstorage")) {
            backend = LocalStorageBackend.create(name);
            chosen = BackendChoice.Kind.LOCAL_STORAGE;
        } else if (kind.equals("memory")) {
            backend = MemoryBackend.create();
            chosen = BackendChoice.Kind.MEMORY;
        } else {
            throw new IllegalArgumentException("backend must be 'auto', 'indexeddb', 'localstorage', 'memory'"
                    + " or a Backend: " + kind);
        }
        return Async.of(new BackendChoice(backend, chosen, new ArrayList<>()));
    }

    /** Returns {@code kind:name} as the page asked for it: the same for every handle on this backend. */
    String id() {
        return id;
    }

    /** Completes with the chosen backend, its kind and the reasons better ones were passed over. */
    Async<BackendChoice> choice() {
        return choice;
    }

    @Override
    public String name() {
        BackendChoice chosen = choice.isDone() && !choice.isFailed() ? choice.peek() : null;
        return chosen != null ? chosen.backend().name() : "pending(" + name + ")";
    }

    @Override
    public Async<Void> save(String key, byte[] value) {
        return choice.flatMap(c -> c.backend().save(key, value));
    }

    @Override
    public Async<byte[]> load(String key) {
        return choice.flatMap(c -> c.backend().load(key));
    }

    @Override
    public Async<Versioned> loadVersioned(String key) {
        return choice.flatMap(c -> c.backend().loadVersioned(key));
    }

    /** {@inheritDoc} Once the backend is chosen, its read as it is: no stage per key in between. */
    @Override
    public Async<byte[]> loadOrNull(String key) {
        return choice.isDone() && !choice.isFailed() ? choice.peek().backend().loadOrNull(key)
                : choice.flatMap(c -> c.backend().loadOrNull(key));
    }

    @Override
    public Async<Void> delete(String key) {
        return choice.flatMap(c -> c.backend().delete(key));
    }

    @Override
    public Async<Boolean> exists(String key) {
        return choice.flatMap(c -> c.backend().exists(key));
    }

    @Override
    public Async<List<String>> listKeys() {
        return choice.flatMap(c -> c.backend().listKeys());
    }

    @Override
    public Async<StorageInfo> info() {
        return choice.flatMap(c -> c.backend().info());
    }

    @Override
    public Async<Void> clear() {
        return choice.flatMap(c -> c.backend().clear());
    }

    @Override
    public Async<Void> write(WriteBatch batch) {
        return choice.flatMap(c -> c.backend().write(batch));
    }
}
