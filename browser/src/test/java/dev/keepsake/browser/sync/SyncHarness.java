package dev.keepsake.browser.sync;

import dev.keepsake.browser.storage.IndexedDbBackend;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.browser.time.BrowserScheduler;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.machine.PersistedMachine;
import dev.keepsake.core.machine.StateMachine;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.store.Hydration;
import dev.keepsake.core.store.PersistentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSExport;

/**
 * Test-only entry points, compiled by TeaVM (JS and wasm-gc) for the pages
 * {@code sync.html} and {@code sync-wasm.html}: each page opens stores and machines by id,
 * with flush on hide and tab sync attached exactly as an application would, and Selenium
 * drives them. Values are strings so that the raw stored bytes contain them verbatim (the JSON
 * body of an uncompressed, unencrypted envelope) and a page can find them in storage directly.
 */
public final class SyncHarness {

    /** The key every harness store and machine is saved under, with the default key prefix. */
    static final String STORE_KEY = "value";
    static final String MACHINE_KEY = "machine";

    private static final Map<String, Opened<PersistentStore<String>>> STORES = new HashMap<>();
    private static final Map<String, Opened<PersistedMachine<Light, String, Integer>>> MACHINES = new HashMap<>();

    enum Light { RED, GREEN, YELLOW }

    private SyncHarness() {
    }

    /**
     * Opens a store of strings under {@link #STORE_KEY} in localStorage ({@code kind}
     * "local", prefix {@code name}) or IndexedDB ("indexed", database {@code name}), saving
     * {@code debounceMillis} after a change, flushed on hide and following other tabs.
     */
    @JSExport
    public static void openStore(String id, String kind, String name, int debounceMillis) {
        PersistenceConfig config = config(debounceMillis);
        StorageBackend backend = backend(kind, name);
        PersistentStore<String> store = PersistentStore
                .builder(backend, BrowserScheduler.get(), STORE_KEY, Codecs.strings(), "initial")
                .config(config).build();
        Opened<PersistentStore<String>> opened = new Opened<>(store);
        store.subscribe(opened.heard::add);
        opened.attachments.add(PageLifecycle.flushOnHide(store));
        opened.attachments.add(TabSync.attach(store, backend, config));
        STORES.put(id, opened);
    }

    @JSExport
    public static boolean storeReady(String id) {
        return STORES.get(id).thing.hydration() != Hydration.HYDRATING;
    }

    @JSExport
    public static String storeGet(String id) {
        return STORES.get(id).thing.get();
    }

    @JSExport
    public static void storeSet(String id, String value) {
        STORES.get(id).thing.set(value);
    }

    /** Returns what the store's subscriber heard, oldest first, joined by "|". */
    @JSExport
    public static String storeHeard(String id) {
        return String.join("|", STORES.get(id).heard);
    }

    /** Returns "attached" when both attachments are live, else what they are. */
    @JSExport
    public static String storeAttachments(String id) {
        return STORES.get(id).attachmentState();
    }

    /** Closes the store without detaching anything: the attachments must notice by themselves. */
    @JSExport
    public static void storeClose(String id) {
        STORES.get(id).thing.close();
    }

    /** Opens a traffic-light machine under {@link #MACHINE_KEY}, like {@link #openStore}. */
    @JSExport
    public static void openMachine(String id, String kind, String name, int debounceMillis) {
        PersistenceConfig config = config(debounceMillis);
        StorageBackend backend = backend(kind, name);
        StateMachine<Light, String, Integer> lights = StateMachine.<Light, String, Integer>builder(Light.RED, 0)
                .on(Light.RED, "go").update((n, e) -> n + 1).to(Light.GREEN)
                .on(Light.GREEN, "slow").to(Light.YELLOW)
                .on(Light.YELLOW, "stop").to(Light.RED)
                .build();
        PersistedMachine<Light, String, Integer> machine = PersistedMachine
                .builder(lights, backend, BrowserScheduler.get(), MACHINE_KEY, Codecs.enums(Light.values()),
                        Codecs.ints())
                .config(config).build();
        Opened<PersistedMachine<Light, String, Integer>> opened = new Opened<>(machine);
        machine.subscribe((from, to, context) -> opened.heard.add(from + ">" + to));
        opened.attachments.add(PageLifecycle.flushOnHide(machine));
        opened.attachments.add(TabSync.attach(machine, MACHINE_KEY, backend, config));
        MACHINES.put(id, opened);
    }

    @JSExport
    public static boolean machineReady(String id) {
        return MACHINES.get(id).thing.isRestored();
    }

    @JSExport
    public static boolean machineSend(String id, String event) {
        return MACHINES.get(id).thing.send(event);
    }

    /** Returns the state and context, such as "GREEN:1". */
    @JSExport
    public static String machineState(String id) {
        PersistedMachine<Light, String, Integer> machine = MACHINES.get(id).thing;
        return machine.state().name() + ":" + machine.context().intValue();
    }

    @JSExport
    public static String machineHeard(String id) {
        return String.join("|", MACHINES.get(id).heard);
    }

    private static PersistenceConfig config(int debounceMillis) {
        return PersistenceConfig.builder()
                .saveDebounceMillis(debounceMillis)
                .flushIntervalMillis(Math.max(debounceMillis, 1) * 2L)
                .build();
    }

    private static StorageBackend backend(String kind, String name) {
        switch (kind) {
            case "local":
                return LocalStorageBackend.create(name);
            case "indexed":
                return TabSync.announcing(IndexedDbBackend.builder().database(name).build());
            default:
                throw new IllegalArgumentException("kind must be local or indexed: " + kind);
        }
    }

    /** An opened store or machine, what its listener heard, and its attachments. */
    private static final class Opened<T> {
        final T thing;
        final List<String> heard = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();

        Opened(T thing) {
            this.thing = thing;
        }

        String attachmentState() {
            StringBuilder sb = new StringBuilder();
            for (Attachment attachment : attachments) {
                sb.append(attachment.isAttached() ? "attached " : "detached ");
            }
            return sb.toString().trim();
        }
    }
}
