package dev.keepsake.browser.storage;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * What IndexedDB adds to the contract: the stored form, version changes from another
 * connection (as another tab would make), a blocked open, foreign values, a missing
 * {@code indexedDB}, and configuration checks.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class IndexedDbBackendTest {

    private static int counter;
    private final String database = "idb-test-" + ++counter + "-" + (int) (Math.random() * 1e9);

    @After
    public void deleteDatabase() {
        Blocking.await(IndexedDbTesting.deleteDatabase(database));
    }

    @Test
    public void valuesAreStoredAsUint8ArraysWithTheirOwnBuffer() {
        IndexedDbBackend backend = IndexedDbBackend.builder().database(database).store("s").build();
        Blocking.await(backend.save("k", new byte[] {1, 2, 3}));
        backend.close();
        JSObject db = Blocking.await(IndexedDbTesting.openStubborn(database, 1, "s"));
        // A versioned record whose bytes are a Uint8Array with a buffer of its own.
        assertEquals("{v:number, d:Uint8Array:3:3}", Blocking.await(IndexedDbTesting.rawTypeOf(db, "s", "k")));
        IndexedDbTesting.close(db);
    }

    @Test
    public void readsAskedForTogetherShareOneReadTransaction() {
        IndexedDbBackend backend = IndexedDbBackend.builder().database(database).build();
        WriteBatch.Builder batch = WriteBatch.builder();
        for (int i = 0; i < 50; i++) {
            batch.put("k" + i, new byte[] {(byte) i});
        }
        Blocking.await(backend.write(batch.build()));
        int before = transactionsStarted();
        List<Async<byte[]>> loads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            loads.add(backend.load("k" + i));
        }
        Async<byte[]> missing = backend.load("missing");
        Async<Boolean> exists = backend.exists("k7");
        Async<Boolean> absent = backend.exists("missing");
        Async<List<String>> keys = backend.listKeys();
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(new byte[] {(byte) i}, Blocking.await(loads.get(i)));
        }
        assertEquals("missing", failure(NotFoundException.class, missing).key());
        assertTrue(Blocking.await(exists));
        assertFalse(Blocking.await(absent));
        assertEquals(50, Blocking.await(keys).size());
        assertEquals("51 loads, 2 exists and a listKeys in one task, one transaction", 1,
                transactionsStarted() - before);
        assertArrayEquals("a later task gets its own", new byte[] {3}, Blocking.await(backend.load("k3")));
        assertEquals(2, transactionsStarted() - before);
        backend.close();
    }

    @Test
    public void manyLoadsAreOneRangeReadAndKeysPastACutOffRangeAreReadOnTheirOwn() {
        IndexedDbBackend backend = IndexedDbBackend.builder().database(database).build();
        WriteBatch.Builder batch = WriteBatch.builder();
        for (int i = 0; i < 400; i++) {
            batch.put(key(i), new byte[] {(byte) i, (byte) (i >> 8)});
        }
        Blocking.await(backend.write(batch.build()));

        // Dense: 40 neighbouring keys and one absent key among them are one getAll, no get.
        storeCalls();
        List<Async<byte[]>> dense = new ArrayList<>();
        for (int i = 100; i < 140; i++) {
            dense.add(backend.load(key(i)));
        }
        Async<byte[]> absent = backend.load(key(120) + "-absent");
        for (int i = 0; i < dense.size(); i++) {
            assertArrayEquals(new byte[] {(byte) (100 + i), 0}, Blocking.await(dense.get(i)));
        }
        assertEquals(key(120) + "-absent", failure(NotFoundException.class, absent).key());
        assertEquals("getAllKeys:1,getAll:1,get:0", storeCalls());

        // Sparse: every 20th key spans 381 records, more than the limit of 2 * 20 + 64 = 104;
        // the 14 keys past the last one read (a0103) are read with get, in the same task.
        List<Async<byte[]>> sparse = new ArrayList<>();
        for (int i = 0; i < 400; i += 20) {
            sparse.add(backend.load(key(i)));
        }
        for (int i = 0; i < sparse.size(); i++) {
            assertArrayEquals(new byte[] {(byte) (20 * i), (byte) ((20 * i) >> 8)}, Blocking.await(sparse.get(i)));
        }
        assertEquals("getAllKeys:1,getAll:1,get:14", storeCalls());

        // Below the threshold, loads are plain gets.
        List<Async<byte[]>> few = new ArrayList<>();
        for (int i = 0; i < IndexedDbReadCoalescer.RANGE_READS - 1; i++) {
            few.add(backend.load(key(i)));
        }
        for (int i = 0; i < few.size(); i++) {
            assertArrayEquals(new byte[] {(byte) i, 0}, Blocking.await(few.get(i)));
        }
        assertEquals("getAllKeys:0,getAll:0,get:" + (IndexedDbReadCoalescer.RANGE_READS - 1), storeCalls());
        backend.close();
    }

    private static String key(int i) {
        return "a" + (i < 10 ? "000" : i < 100 ? "00" : "0") + i;
    }

    /** Returns how often getAllKeys, getAll and get were called on object stores since the last call of this. */
    @JSBody(script = "var proto = IDBObjectStore.prototype;"
            + " if (!proto.__keepsakeCalls) {"
            + "  proto.__keepsakeCalls = {getAllKeys: 0, getAll: 0, get: 0};"
            + "  ['getAllKeys', 'getAll', 'get'].forEach(function (name) {"
            + "   var original = proto[name];"
            + "   proto[name] = function () { IDBObjectStore.prototype.__keepsakeCalls[name]++;"
            + "    return original.apply(this, arguments); }; }); }"
            + " var calls = proto.__keepsakeCalls;"
            + " var counted = 'getAllKeys:' + calls.getAllKeys + ',getAll:' + calls.getAll + ',get:' + calls.get;"
            + " proto.__keepsakeCalls = {getAllKeys: 0, getAll: 0, get: 0}; return counted;")
    private static native String storeCalls();

    /** Counts IDBDatabase.transaction calls from the first call of this on. */
    @JSBody(script = "var proto = IDBDatabase.prototype;"
            + " if (!proto.__keepsakeCounted) {"
            + "  var original = proto.transaction; proto.__keepsakeCounted = 0;"
            + "  proto.transaction = function () { IDBDatabase.prototype.__keepsakeCounted++;"
            + "   return original.apply(this, arguments); }; }"
            + " return proto.__keepsakeCounted;")
    private static native int transactionsStarted();

    @Test
    public void everyReadwriteTransactionIsOpenedWithStrictDurability() {
        IndexedDbBackend backend = IndexedDbBackend.builder().database(database).build();
        Blocking.await(backend.save("warm-up", new byte[] {0}));
        transactionsOpened();
        Blocking.await(backend.save("k", new byte[] {1}));
        Blocking.await(backend.write(WriteBatch.builder().put("a", new byte[] {2}).delete("k").build()));
        Blocking.await(backend.delete("a"));
        Blocking.await(backend.load("warm-up"));
        Blocking.await(backend.clear());
        assertEquals("readwrite:strict,readwrite:strict,readwrite:strict,readonly:,readwrite:strict",
                transactionsOpened());
        backend.close();
    }

    /**
     * Returns "mode:durability" of each IDBDatabase.transaction call since the last call of this
     * ("readonly:" for a read: browsers ignore durability there), comma-separated.
     */
    @JSBody(script = "var proto = IDBDatabase.prototype;"
            + " if (!proto.__keepsakeOpened) {"
            + "  var original = proto.transaction; proto.__keepsakeOpened = [];"
            + "  proto.transaction = function () { var tx = original.apply(this, arguments);"
            + "   IDBDatabase.prototype.__keepsakeOpened.push(tx.mode + ':' + (tx.mode === 'readonly' ? '' : "
            + "tx.durability));"
            + "   return tx; }; }"
            + " var opened = proto.__keepsakeOpened.join(','); proto.__keepsakeOpened = []; return opened;")
    private static native String transactionsOpened();

    @Test
    public void aValueWrittenByOtherCodeIsCorruptedNotReturned() {
        JSObject db = Blocking.await(IndexedDbTesting.openStubborn(database, 1, "values"));
        assertEquals("complete", Blocking.await(IndexedDbTesting.putRawString(db, "values", "k", "text")));
        IndexedDbTesting.close(db);
        IndexedDbBackend backend = IndexedDbBackend.builder().database(database).build();
        CorruptedDataException e = failure(CorruptedDataException.class, backend.load("k"));
        assertEquals("k", e.key());
        backend.close();
    }

    @Test
    public void aNewerVersionElsewhereClosesThisConnectionAndTheUpgradeCompletes() {
        IndexedDbBackend v1 = IndexedDbBackend.builder().database(database).version(1).build();
        Blocking.await(v1.save("old", new byte[] {1}));
        // The second connection (another tab, in real life) upgrades to version 2 and adds a
        // store; it only gets there because v1 closes its connection on versionchange.
        IndexedDbBackend v2 = IndexedDbBackend.builder().database(database).store("more").version(2).build();
        Blocking.await(v2.save("new", new byte[] {2}));
        assertArrayEquals(new byte[] {2}, Blocking.await(v2.load("new")));

        BackendUnavailableException e = failure(BackendUnavailableException.class, v1.load("old"));
        assertTrue(e.getMessage(), e.getMessage().contains("newer version"));

        IndexedDbBackend v2values = IndexedDbBackend.builder().database(database).version(2).build();
        assertArrayEquals("data survives the upgrade", new byte[] {1}, Blocking.await(v2values.load("old")));
        v2.close();
        v2values.close();
    }

    @Test
    public void anOpenBlockedByAStubbornConnectionFailsClearlyThenRecovers() {
        JSObject stubborn = Blocking.await(IndexedDbTesting.openStubborn(database, 1, "values"));
        IndexedDbBackend v2 = IndexedDbBackend.builder().database(database).version(2).build();
        BackendUnavailableException e = failure(BackendUnavailableException.class, v2.save("k", new byte[] {1}));
        assertTrue(e.getMessage(), e.getMessage().contains("blocked"));
        assertEquals("k", e.key());

        IndexedDbTesting.close(stubborn);
        Blocking.await(v2.save("k", new byte[] {1}));
        assertArrayEquals(new byte[] {1}, Blocking.await(v2.load("k")));
        v2.close();
    }

    @Test
    public void theConnectionIsReusedAndReopenedAfterClose() {
        IndexedDbBackend backend = IndexedDbBackend.builder().database(database).build();
        Blocking.await(backend.save("a", new byte[] {1}));
        Blocking.await(backend.save("b", new byte[] {2}));
        backend.close();
        assertEquals(List.of("a", "b"), Blocking.await(backend.listKeys()));
        Blocking.await(backend.write(WriteBatch.builder().delete("a").put("c", new byte[] {3}).build()));
        assertEquals(List.of("b", "c"), Blocking.await(backend.listKeys()));
        backend.close();
    }

    @Test
    public void infoReportsAvailableSpaceFromTheStorageEstimate() {
        IndexedDbBackend backend = IndexedDbBackend.builder().database(database).build();
        Blocking.await(backend.save("abc", new byte[10]));
        var info = Blocking.await(backend.info());
        assertEquals(2 * 3 + 10, info.usedBytes());
        assertEquals(1, info.entryCount());
        assertTrue("Chromium has navigator.storage.estimate()", info.availableBytes().isPresent());
        backend.close();
    }

    @Test
    public void missingIndexedDbMakesTheBackendUnavailable() {
        assertTrue(IndexedDbBackend.isPresent());
        IndexedDbBackend backend = IndexedDbBackend.builder().database(database).factory(() -> null).build();
        for (Async<?> operation : List.of(backend.save("k", new byte[1]), backend.load("k"),
                backend.listKeys(), backend.info(), backend.clear())) {
            BackendUnavailableException e = failure(BackendUnavailableException.class, operation);
            assertTrue(e.getMessage(), e.getMessage().contains("not available"));
        }
    }

    @Test
    public void builderRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> IndexedDbBackend.builder().database(""));
        assertThrows(IllegalArgumentException.class, () -> IndexedDbBackend.builder().store(""));
        assertThrows(IllegalArgumentException.class, () -> IndexedDbBackend.builder().version(0));
        assertThrows(NullPointerException.class, () -> IndexedDbBackend.builder().database(null));
        IndexedDbBackend built = IndexedDbBackend.builder().database("d").store("s").version(3).build();
        assertEquals("d", built.database());
        assertEquals("s", built.store());
        assertEquals(3, built.version());
        assertFalse(built.name().isEmpty());
    }

    static <E extends PersistenceException> E failure(Class<E> type, Async<?> async) {
        try {
            Blocking.await(async);
        } catch (PersistenceException e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + e, e);
        }
        fail("expected " + type.getSimpleName() + " but the operation succeeded");
        return null;
    }
}
