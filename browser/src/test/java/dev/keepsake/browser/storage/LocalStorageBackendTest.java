package dev.keepsake.browser.storage;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.WriteFailedException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.jso.JSObject;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * What localStorage adds to the contract: its stored form, its namespace, UTF-16 byte
 * counting, quota errors and rollback (through a fault-injecting fake Storage), and an
 * unavailable storage.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class LocalStorageBackendTest {

    /** Keys near, but outside, the namespaces "ns", "ns2" and "n" used below. */
    private static final List<String> FOREIGN = List.of("nsx", "ns", "ns2", "n", "other:ns:k", "N:k", "ns\u0000:k");

    @After
    public void cleanRealStorage() {
        for (String prefix : List.of("ns", "ns2", "n")) {
            Blocking.await(LocalStorageBackend.create(prefix).clear());
        }
        for (String raw : FOREIGN) {
            removeRaw(raw);
        }
    }

    @Test
    public void storesBase64UnderPrefixColonKey() {
        LocalStorageBackend backend = LocalStorageBackend.create("ns");
        Blocking.await(backend.save("k", new byte[] {1, 2, 3}));
        Blocking.await(backend.save("a:b", new byte[] {(byte) 0xfb, (byte) 0xff}));
        assertEquals("AQID", bytesOf(FakeStorage.getRaw(FakeStorage.real(), "ns:k")));
        assertEquals("+/8=", bytesOf(FakeStorage.getRaw(FakeStorage.real(), "ns:a:b")));
    }

    /** Returns the Base64 part of a stored {@code <version>.<base64>} text, after checking the version. */
    private static String bytesOf(String stored) {
        int dot = stored.indexOf('.');
        assertTrue("a stored value starts with its version and a dot: " + stored, dot > 0);
        for (int i = 0; i < dot; i++) {
            assertTrue("the version is decimal digits: " + stored, stored.charAt(i) >= '0' && stored.charAt(i) <= '9');
        }
        return stored.substring(dot + 1);
    }

    @Test
    public void neverSeesOrTouchesKeysOutsideItsNamespace() {
        JSObject real = FakeStorage.real();
        for (String raw : FOREIGN) {
            FakeStorage.setRaw(real, raw, "AAAA");
        }
        LocalStorageBackend ns = LocalStorageBackend.create("ns");
        LocalStorageBackend ns2 = LocalStorageBackend.create("ns2");
        LocalStorageBackend n = LocalStorageBackend.create("n");
        Blocking.await(ns.save("k", new byte[] {1}));
        Blocking.await(ns2.save("k", new byte[] {2}));
        Blocking.await(n.save("s:k2", new byte[] {3}));
        // "n:s:k2" belongs to "n" (key "s:k2"); "ns:k" does not, though it starts with "n".

        assertEquals(List.of("k"), Blocking.await(ns.listKeys()));
        assertEquals(1, Blocking.await(ns.info()).entryCount());
        assertEquals(List.of("s:k2"), Blocking.await(n.listKeys()));
        assertFalse(Blocking.await(n.exists("s:k")));
        assertEquals(1, Blocking.await(ns2.info()).entryCount());

        Blocking.await(ns.clear());
        assertEquals(List.of(), Blocking.await(ns.listKeys()));
        assertArrayEquals(new byte[] {2}, Blocking.await(ns2.load("k")));
        assertArrayEquals(new byte[] {3}, Blocking.await(n.load("s:k2")));
        for (String raw : FOREIGN) {
            assertEquals(raw, "AAAA", FakeStorage.getRaw(real, raw));
        }
    }

    @Test
    public void infoCountsTwoBytesPerUtf16CodeUnitOfOwnEntries() {
        LocalStorageBackend backend = LocalStorageBackend.create("ns");
        FakeStorage.setRaw(FakeStorage.real(), "nsx", "AAAA");
        Blocking.await(backend.save("k\u00e9", new byte[] {0, 1, 2, 3}));
        Blocking.await(backend.save("\uD83D\uDE00", new byte[0]));
        StorageInfo info = Blocking.await(backend.info());
        // "ns:k\u00e9" is 5 code units and "<version>.AAECAw==" 9 more than the version;
        // "ns:\uD83D\uDE00" is 5 and "<version>." 1 more than the version.
        String first = FakeStorage.getRaw(FakeStorage.real(), "ns:k\u00e9");
        String second = FakeStorage.getRaw(FakeStorage.real(), "ns:\uD83D\uDE00");
        assertEquals("AAECAw==", bytesOf(first));
        assertEquals("", bytesOf(second));
        assertEquals(2 * (5 + first.length()) + 2 * (5 + second.length()), info.usedBytes());
        assertEquals(2, info.entryCount());
        assertFalse(info.availableBytes().isPresent());
    }

    @Test
    public void quotaErrorKeepsThePreviousValue() {
        LocalStorageBackend backend = LocalStorageBackend.over("ns", quotaStorage(100, "QuotaExceededError"));
        Blocking.await(backend.save("k", new byte[] {7, 7, 7}));
        QuotaExceededException e = failure(QuotaExceededException.class, backend.save("k", new byte[200]));
        assertEquals("k", e.key());
        assertTrue(e.getMessage(), e.getMessage().contains("QuotaExceededError"));
        assertArrayEquals(new byte[] {7, 7, 7}, Blocking.await(backend.load("k")));
    }

    @Test
    public void firefoxQuotaErrorNameIsAQuotaError() {
        LocalStorageBackend backend = LocalStorageBackend.over("ns", quotaStorage(50, "NS_ERROR_DOM_QUOTA_REACHED"));
        failure(QuotaExceededException.class, backend.save("k", new byte[100]));
        assertFalse(Blocking.await(backend.exists("k")));
    }

    @Test
    public void otherSetItemErrorsAreWriteFailures() {
        LocalStorageBackend backend = LocalStorageBackend.over("ns", quotaStorage(10, "SecurityError"));
        WriteFailedException e = failure(WriteFailedException.class, backend.save("k", new byte[100]));
        assertTrue(e.getMessage(), e.getMessage().contains("SecurityError"));
    }

    @Test
    public void batchRefusedForQuotaRollsBackEveryEntry() {
        JSObject fake = FakeStorage.withLimit(120, "QuotaExceededError");
        LocalStorageBackend backend = LocalStorageBackend.over("ns", () -> fake);
        Blocking.await(backend.save("a", new byte[] {1}));
        Blocking.await(backend.save("b", new byte[] {2}));
        String before = FakeStorage.allKeys(fake);
        WriteBatch batch = WriteBatch.builder()
                .put("a", new byte[] {9, 9})
                .delete("b")
                .put("new", new byte[] {3})
                .put("huge", new byte[300])
                .build();
        failure(QuotaExceededException.class, backend.write(batch));
        assertEquals(before, FakeStorage.allKeys(fake));
        assertArrayEquals(new byte[] {1}, Blocking.await(backend.load("a")));
        assertArrayEquals(new byte[] {2}, Blocking.await(backend.load("b")));
        assertFalse(Blocking.await(backend.exists("new")));
    }

    @Test
    public void unavailableStorageFailsEveryOperation() {
        LocalStorageBackend backend = LocalStorageBackend.over("ns", FakeStorage::securityError);
        List<Async<?>> operations = List.of(backend.save("k", new byte[1]), backend.load("k"),
                backend.exists("k"), backend.delete("k"), backend.listKeys(), backend.info(),
                backend.clear(), backend.write(WriteBatch.builder().put("k", new byte[1]).build()));
        for (Async<?> operation : operations) {
            BackendUnavailableException e = failure(BackendUnavailableException.class, operation);
            assertTrue(e.getMessage(), e.getMessage().contains("SecurityError"));
        }
    }

    @Test
    public void valueThatIsNotBase64IsCorrupted() {
        JSObject fake = FakeStorage.withLimit(1000, "QuotaExceededError");
        LocalStorageBackend backend = LocalStorageBackend.over("ns", () -> fake);
        Set<String> bad = new HashSet<>(List.of("not base64!", "AQI", "AQ=A", "QR=="));
        for (String value : bad) {
            FakeStorage.setRaw(fake, "ns:k", value);
            CorruptedDataException e = failure(CorruptedDataException.class, backend.load("k"));
            assertEquals("k", e.key());
        }
    }

    private static java.util.function.Supplier<JSObject> quotaStorage(int limit, String errorName) {
        JSObject fake = FakeStorage.withLimit(limit, errorName);
        return () -> fake;
    }

    private static <E extends PersistenceException> E failure(Class<E> type, Async<?> async) {
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

    @org.teavm.jso.JSBody(params = "key", script = "localStorage.removeItem(key);")
    private static native void removeRaw(String key);
}
