package dev.keepsake.core.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.JsonNumber;
import dev.keepsake.core.codec.JsonObject;
import dev.keepsake.core.codec.JsonString;
import dev.keepsake.core.codec.JsonValue;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.testing.FaultyBackend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The persistent store on a memory backend, on the JVM, JS and wasm-gc; time driven by hand. */
@RunWith(TeaVMTestRunner.class)
public class PersistentStoreTest {

    /** The application state in these tests. */
    record Prefs(String theme, int fontSize, String draft) {
    }

    static final Codec<Prefs> PREFS = Codecs.record(Prefs::new,
            Codecs.field("theme", Codecs.strings(), Prefs::theme),
            Codecs.field("fontSize", Codecs.ints(), Prefs::fontSize),
            Codecs.field("draft", Codecs.strings(), Prefs::draft));

    static final Prefs INITIAL = new Prefs("light", 12, "");

    private final ManualScheduler time = ManualScheduler.create();
    private final MemoryBackend memory = MemoryBackend.create();
    private final FaultyBackend backend = new FaultyBackend(memory);
    private final List<PersistenceException> errors = new ArrayList<>();

    private PersistentStore.Builder<Prefs, Prefs> builder() {
        return PersistentStore.builder(backend, time, "prefs", PREFS, INITIAL).onError(errors::add);
    }

    private PersistentStore<Prefs> store() {
        return builder().build();
    }

    private static <T> T done(Async<T> async) {
        assertTrue("expected a settled result: " + async, async.isDone());
        return async.peek();
    }

    private String storedJson() {
        byte[] stored = done(memory.load("keepsake:prefs"));
        return new String(stored, 16, stored.length - 20, StandardCharsets.UTF_8);
    }

    private void storeRaw(String json) {
        PersistentStore<Prefs> any = store();
        done(any.whenHydrated());
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        byte[] framed = dev.keepsake.core.format.Envelope.create().sealPlain("keepsake:prefs", 1, payload);
        done(memory.save("keepsake:prefs", framed));
    }

    @Test
    public void aNewStoreStartsFromTheInitialValueAndIsReady() {
        PersistentStore<Prefs> s = store();
        assertEquals(Hydration.READY, s.hydration());
        assertEquals(INITIAL, s.get());
        assertEquals(INITIAL, done(s.whenHydrated()));
    }

    @Test
    public void changesAreSavedThroughTheBatcherAndComeBack() {
        PersistentStore<Prefs> s = store();
        s.set(new Prefs("dark", 14, "hello"));
        s.update(p -> new Prefs(p.theme(), p.fontSize() + 1, p.draft()));
        assertEquals(0, backend.batches().size());
        time.advance(100);
        assertEquals("two changes, one write", 1, backend.batches().size());
        assertEquals("{\"version\":1,\"state\":{\"theme\":\"dark\",\"fontSize\":15,\"draft\":\"hello\"}}",
                storedJson());
        PersistentStore<Prefs> again = store();
        assertEquals(new Prefs("dark", 15, "hello"), again.get());
    }

    @Test
    public void hydrationIsReportedAndSubscribersHearTheStoredValue() {
        PersistentStore<Prefs> writer = store();
        writer.set(new Prefs("dark", 20, "x"));
        done(writer.close());
        backend.holdLoads();
        PersistentStore<Prefs> s = store();
        List<Prefs> heard = new ArrayList<>();
        s.subscribe(heard::add);
        assertEquals(Hydration.HYDRATING, s.hydration());
        assertEquals(INITIAL, s.get());
        assertFalse(s.whenHydrated().isDone());
        backend.releaseLoads();
        assertEquals(Hydration.READY, s.hydration());
        assertEquals(new Prefs("dark", 20, "x"), s.get());
        assertEquals(List.of(new Prefs("dark", 20, "x")), heard);
    }

    @Test
    public void aChangeMadeWhileHydratingWinsOverTheStoredValue() {
        PersistentStore<Prefs> writer = store();
        writer.set(new Prefs("stored", 1, ""));
        done(writer.close());
        backend.holdLoads();
        PersistentStore<Prefs> s = store();
        s.set(new Prefs("typed during load", 2, ""));
        backend.releaseLoads();
        assertEquals(Hydration.READY, s.hydration());
        assertEquals(new Prefs("typed during load", 2, ""), s.get());
        done(s.flush());
        assertEquals(new Prefs("typed during load", 2, ""), store().get());
    }

    @Test
    public void anOlderReloadNeverOverwritesANewerValue() {
        PersistentStore<Prefs> s = store();
        s.set(new Prefs("a", 1, ""));
        done(s.flush());
        backend.holdLoads();
        Async<Prefs> reloading = s.reload();
        s.set(new Prefs("newer", 2, ""));
        backend.releaseLoads();
        assertEquals(new Prefs("newer", 2, ""), done(reloading));
        assertEquals(new Prefs("newer", 2, ""), s.get());
    }

    @Test
    public void reloadAdoptsAChangeMadeElsewhere() {
        PersistentStore<Prefs> mine = store();
        PersistentStore<Prefs> other = store();
        other.set(new Prefs("from the other tab", 9, ""));
        done(other.flush());
        assertEquals(INITIAL, mine.get());
        assertEquals(new Prefs("from the other tab", 9, ""), done(mine.reload()));
        assertEquals(new Prefs("from the other tab", 9, ""), mine.get());
    }

    @Test
    public void olderSchemaVersionsAreMigratedStepByStepAndSavedBack() {
        storeRaw("{\"version\":1,\"state\":{\"colour\":\"dark\",\"size\":\"14\"}}");
        PersistentStore<Prefs> s = builder()
                .version(3)
                .migration(1, v1 -> rename((JsonObject) v1, "colour", "theme"))
                .migration(2, v2 -> {
                    JsonObject o = (JsonObject) v2;
                    Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
                    m.put("fontSize", JsonNumber.of(Long.parseLong(((JsonString) m.remove("size")).value())));
                    m.put("draft", new JsonString(""));
                    return new JsonObject(m);
                })
                .build();
        assertEquals(Hydration.READY, s.hydration());
        assertEquals(new Prefs("dark", 14, ""), s.get());
        done(s.flush());
        assertEquals("{\"version\":3,\"state\":{\"theme\":\"dark\",\"fontSize\":14,\"draft\":\"\"}}", storedJson());
    }

    private static JsonValue rename(JsonObject o, String from, String to) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
            m.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue());
        }
        return new JsonObject(m);
    }

    @Test
    public void aNewerStoredVersionIsAnErrorAndIsNeverOverwritten() {
        storeRaw("{\"version\":7,\"state\":{\"theme\":\"future\"}}");
        byte[] before = done(memory.load("keepsake:prefs"));
        PersistentStore<Prefs> s = builder().version(2).migration(1, v -> v).build();
        assertEquals(Hydration.FAILED, s.hydration());
        assertEquals(INITIAL, s.get());
        assertTrue(s.hydrationError().get() instanceof SerializationException);
        assertTrue(s.hydrationError().get().getMessage(), s.hydrationError().get().getMessage().contains("version 7"));
        s.set(new Prefs("local", 1, ""));
        assertEquals(new Prefs("local", 1, ""), s.get());
        time.advance(10_000);
        assertTrue(s.save().isFailed());
        assertArrayEquals("data written by newer code is left alone", before, done(memory.load("keepsake:prefs")));
        assertEquals(1, errors.size());
    }

    @Test
    public void aChangeMadeWhileHydratingNeverOverwritesANewerStoredVersion() {
        storeRaw("{\"version\":7,\"state\":{\"theme\":\"future\"}}");
        byte[] before = done(memory.load("keepsake:prefs"));
        backend.holdLoads();
        PersistentStore<Prefs> s = builder().version(2).migration(1, v -> v).build();
        assertEquals(Hydration.HYDRATING, s.hydration());
        s.set(new Prefs("typed during load", 1, ""));
        Async<Void> saved = s.save();
        time.advance(10_000);
        assertArrayEquals("nothing is written before the stored value is read", before,
                done(memory.load("keepsake:prefs")));
        backend.releaseLoads();
        time.advance(10_000);
        assertEquals(Hydration.FAILED, s.hydration());
        assertEquals("the change stays in memory", new Prefs("typed during load", 1, ""), s.get());
        assertTrue(saved.isFailed());
        assertTrue(saved.failure().getMessage(), saved.failure().getMessage().contains("version 7"));
        assertEquals("reported once, as the hydration error", 1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("version 7"));
        done(s.close());
        assertArrayEquals("data written by newer code is left alone", before, done(memory.load("keepsake:prefs")));
    }

    @Test
    public void aChangeMadeWhileHydratingIsSavedOnceTheStoredValueIsRead() {
        PersistentStore<Prefs> writer = store();
        writer.set(new Prefs("stored", 1, ""));
        done(writer.close());
        int writes = backend.batches().size();
        backend.holdLoads();
        PersistentStore<Prefs> s = store();
        s.set(new Prefs("typed during load", 2, ""));
        time.advance(5_000);
        assertEquals("held while hydrating", writes, backend.batches().size());
        backend.releaseLoads();
        time.advance(100);
        assertEquals(new Prefs("typed during load", 2, ""), store().get());
    }

    @Test
    public void corruptStoredStateFallsBackToTheInitialValueAndIsReported() {
        PersistentStore<Prefs> writer = store();
        writer.set(new Prefs("dark", 1, ""));
        done(writer.close());
        byte[] bytes = done(memory.load("keepsake:prefs"));
        bytes[20] ^= 0x10;
        done(memory.save("keepsake:prefs", bytes));
        PersistentStore<Prefs> s = store();
        assertEquals(Hydration.FAILED, s.hydration());
        assertEquals(INITIAL, s.get());
        assertTrue(errors.get(0) instanceof CorruptedDataException);
        assertEquals(INITIAL, done(s.whenHydrated()));
        s.set(new Prefs("fresh start", 2, ""));
        done(s.flush());
        assertEquals(new Prefs("fresh start", 2, ""), store().get());
    }

    @Test
    public void aProjectionIsPersistedAndMergedBackIntoTheInitialValue() {
        PersistentStore<Prefs> s = builder()
                .persisting(Codecs.strings(), Prefs::theme,
                        (base, theme) -> new Prefs(theme, base.fontSize(), base.draft()))
                .build();
        s.set(new Prefs("dark", 30, "unsaved draft"));
        done(s.flush());
        assertEquals("{\"version\":1,\"state\":\"dark\"}", storedJson());
        PersistentStore<Prefs> again = builder()
                .persisting(Codecs.strings(), Prefs::theme,
                        (base, theme) -> new Prefs(theme, base.fontSize(), base.draft()))
                .build();
        assertEquals(new Prefs("dark", 12, ""), again.get());
    }

    @Test
    public void subscribersHearChangesUntilTheyUnsubscribe() {
        PersistentStore<Prefs> s = store();
        List<String> heard = new ArrayList<>();
        PersistentStore.Subscription sub = s.subscribe(p -> heard.add(p.theme()));
        s.set(new Prefs("a", 1, ""));
        s.update(p -> new Prefs(p.theme() + "b", 1, ""));
        sub.unsubscribe();
        s.set(new Prefs("c", 1, ""));
        assertEquals(List.of("a", "ab"), heard);
    }

    @Test
    public void withoutAutoSaveOnlyAnExplicitSaveWrites() {
        PersistentStore<Prefs> s = builder()
                .config(dev.keepsake.core.manager.PersistenceConfig.builder().autoSave(false).build()).build();
        s.set(new Prefs("dark", 1, ""));
        time.advance(5000);
        assertEquals(0, backend.batches().size());
        Async<Void> saved = s.save();
        done(s.flush());
        assertTrue(saved.isDone());
        assertEquals(new Prefs("dark", 1, ""), store().get());
    }

    @Test
    public void closeFlushesAndRefusesChanges() {
        PersistentStore<Prefs> s = store();
        s.set(new Prefs("dark", 1, ""));
        done(s.close());
        assertEquals(new Prefs("dark", 1, ""), store().get());
        assertThrows(IllegalStateException.class, () -> s.set(INITIAL));
    }

    @Test
    public void buildChecksThatMigrationsLeadFromVersionOneToTheVersion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().version(3).migration(2, v -> v).build());
        assertTrue(e.getMessage(), e.getMessage().contains("none from version 1"));
        builder().version(3).migration(1, v -> v).migration(2, v -> v).build();
    }

    @Test
    public void theBuilderRejectsABrokenMigrationChain() {
        assertThrows(IllegalArgumentException.class, () -> builder().version(3).migration(1, v -> v).build());
        assertThrows(IllegalArgumentException.class, () -> builder().version(2).migration(2, v -> v).build());
        assertThrows(IllegalArgumentException.class, () -> builder().version(2).build());
        assertThrows(IllegalArgumentException.class, () -> builder().migration(1, v -> v).migration(1, v -> v));
        assertThrows(IllegalArgumentException.class, () -> builder().version(0));
        assertThrows(IllegalArgumentException.class,
                () -> PersistentStore.builder(backend, time, "", PREFS, INITIAL));
    }
}
