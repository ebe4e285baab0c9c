package dev.keepsake.testing;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.time.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The one contract suite every {@link StorageBackend} passes, on every platform. A backend's
 * test extends this class and supplies {@link #newBackend()} and
 * {@link #injectWriteFault(String)}, which makes the backend's own writes fail through a fault
 * injected beneath it (its disk, database or storage); a backend whose operations complete
 * later than they return also overrides {@link #await(Async)}.
 *
 * <p>Beyond the operations themselves, the suite checks the failure guarantees: a failed write
 * leaves the previous value intact; a failed batch leaves none of its entries (or, where
 * {@link #batchesAreAllOrNothing()} is false, each entry whole); a failure's message and
 * {@code toString}, and its causes', name the key but never contain the value; and bytes
 * corrupted in storage or on the way back are reported by a manager as
 * {@link CorruptedDataException}, never returned.
 *
 * <p>JUnit 4 so that TeaVM's test runner can run the same class on the JVM, JS and wasm-gc.
 */
public abstract class StorageBackendContract {

    /** Keys that break naive key-to-file or key-to-name mappings. */
    public static final List<String> AWKWARD_KEYS = List.of(
            "/", "\\", ":", "*", "?", "\"", "<", ">", "|", "a/b", "a\\b", "../escape", "..", ".",
            "nul\u0000byte", "\u0000", " ", " leading", "trailing ", "emoji \uD83D\uDE00\uD83C\uDF89",
            "CON", "con", "NUL.txt", "aux", "COM1", "LPT9", "x".repeat(300), "\u00e9t\u00e9",
            "e\u0301te\u0301", "tab\tnew\nline", "percent%41", "~tilde", "#hash", "key.tmp",
            ".keepsake-tmp-1", "\u4e2d\u6587\u952e", "\u0130stanbul", "\u212a");

    protected StorageBackend backend;

    /** Returns a new, empty backend; called before each test. */
    protected abstract StorageBackend newBackend() throws Exception;

    /**
     * Injects a fault beneath {@link #backend} so that from now on every write of a value of
     * the returned length under {@code key} fails inside the backend, as a full disk, a
     * refused row or a full quota would; writes of other lengths must still succeed. Returns
     * that length, at least 16 (a backend whose fault is a size limit returns a length above it).
     */
    protected abstract int injectWriteFault(String key) throws Exception;

    /**
     * Whether a failed batch leaves none of its entries, as the backend documents; when false,
     * the suite checks only that each entry is whole (the old value or the new one).
     */
    protected boolean batchesAreAllOrNothing() {
        return true;
    }

    /** Releases what {@link #newBackend()} created; called after each test. */
    protected void dispose(StorageBackend backend) throws Exception {
    }

    /**
     * Returns the value of {@code async} once it has settled, rethrowing its failure. The
     * default requires it to be settled already, which holds for backends that complete
     * synchronously (memory, localStorage); asynchronous backends wait here.
     */
    protected <T> T await(Async<T> async) {
        return async.peek();
    }

    @Before
    public final void createBackend() throws Exception {
        backend = newBackend();
        assertNotNull("newBackend() returned null", backend);
    }

    @After
    public final void disposeBackend() throws Exception {
        if (backend != null) {
            dispose(backend);
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    protected final void save(String key, byte[] value) {
        await(backend.save(key, value));
    }

    protected final byte[] load(String key) {
        return await(backend.load(key));
    }

    protected final Set<String> keys() {
        List<String> list = await(backend.listKeys());
        Set<String> set = new HashSet<>(list);
        assertEquals("listKeys returned a key twice: " + list, list.size(), set.size());
        return set;
    }

    protected final <E extends Throwable> E awaitFailure(Class<E> type, Async<?> async) {
        try {
            await(async);
        } catch (Throwable t) {
            Throwable cause = t;
            while (cause != null && !type.isInstance(cause)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw new AssertionError("expected " + type.getName() + " but got " + t, t);
            }
            return type.cast(cause);
        }
        throw new AssertionError("expected " + type.getName() + " but the operation succeeded");
    }

    protected static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        int x = seed * 0x9E3779B9 + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[i] = (byte) x;
        }
        return b;
    }

    /** The text every failing value is made of, so that a leak is easy to spot. */
    private static final String SECRET = "SECRET-VALUE-7f3a;";

    /** Returns {@code length} bytes of {@link #SECRET} repeated. */
    protected static byte[] secretValue(int length) {
        byte[] text = SECRET.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = text[i % text.length];
        }
        return value;
    }

    /** Fails if the message or text of {@code failure}, or of any of its causes, shows the value. */
    private static void assertShowsNoValue(Throwable failure) {
        byte[] text = SECRET.getBytes(StandardCharsets.UTF_8);
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            hex.append(Character.forDigit((text[i] >> 4) & 15, 16)).append(Character.forDigit(text[i] & 15, 16));
        }
        byte[] first12 = new byte[12];
        System.arraycopy(text, 0, first12, 0, 12);
        List<String> forms = List.of("SECRET-VALUE", hex.toString(), hex.toString().toUpperCase(),
                Base64.getEncoder().encodeToString(first12));
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (String shown : new String[] {t.getMessage(), t.toString()}) {
                if (shown == null) {
                    continue;
                }
                for (String form : forms) {
                    assertFalse("the value (as " + form + ") shows in " + t.getClass().getName() + ": "
                            + shown.substring(0, Math.min(shown.length(), 300)), shown.contains(form));
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
    }

    private PersistenceManager<String> manager(StorageBackend on) {
        return PersistenceManager.builder(on, Serializers.json(Codecs.strings()), ManualScheduler.create()).build();
    }

    // ---- the contract --------------------------------------------------------------------

    @Test
    public void newBackendIsEmpty() {
        assertEquals(Set.of(), keys());
        StorageInfo info = await(backend.info());
        assertEquals(0, info.entryCount());
        assertFalse(await(backend.exists("anything")));
    }

    @Test
    public void emptyValueRoundTrips() {
        save("empty", new byte[0]);
        assertArrayEquals(new byte[0], load("empty"));
        assertTrue(await(backend.exists("empty")));
    }

    @Test
    public void oneByteValueRoundTrips() {
        save("one", new byte[] {(byte) 0xff});
        assertArrayEquals(new byte[] {(byte) 0xff}, load("one"));
    }

    @Test
    public void oneMebibyteValueRoundTrips() {
        byte[] big = bytes(1 << 20, 7);
        save("big", big);
        assertArrayEquals(big, load("big"));
    }

    @Test
    public void everyByteValueRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        save("all-bytes", all);
        assertArrayEquals(all, load("all-bytes"));
    }

    @Test
    public void overwriteReplacesValue() {
        save("k", bytes(100, 1));
        save("k", bytes(10, 2));
        assertArrayEquals(bytes(10, 2), load("k"));
        assertEquals(Set.of("k"), keys());
        assertEquals(1, await(backend.info()).entryCount());
    }

    @Test
    public void callerMayReuseArrays() {
        byte[] value = {1, 2, 3};
        save("k", value);
        value[0] = 99;
        byte[] loaded = load("k");
        assertArrayEquals(new byte[] {1, 2, 3}, loaded);
        loaded[1] = 99;
        assertArrayEquals(new byte[] {1, 2, 3}, load("k"));
    }

    @Test
    public void loadOfMissingKeyFailsWithNotFoundNamingTheKey() {
        NotFoundException e = awaitFailure(NotFoundException.class, backend.load("missing key"));
        assertEquals("missing key", e.key());
        assertEquals(backend.name(), e.backend());
        assertTrue(e.getMessage(), e.getMessage().contains("missing key"));
    }

    @Test
    public void loadOrNullReturnsTheValueOrNullForAbsence() {
        assertNull(await(backend.loadOrNull("missing key")));
        save("k", bytes(7, 1));
        save("empty", new byte[0]);
        assertArrayEquals(bytes(7, 1), await(backend.loadOrNull("k")));
        assertArrayEquals(new byte[0], await(backend.loadOrNull("empty")));
        byte[] loaded = await(backend.loadOrNull("k"));
        loaded[0] = 99;
        assertArrayEquals("the caller owns the array", bytes(7, 1), await(backend.loadOrNull("k")));
        save("k", bytes(3, 2));
        assertArrayEquals(bytes(3, 2), await(backend.loadOrNull("k")));
        await(backend.delete("k"));
        assertNull(await(backend.loadOrNull("k")));
        assertArrayEquals(new byte[0], await(backend.loadOrNull("empty")));
    }

    @Test
    public void deleteRemovesValue() {
        save("a", bytes(5, 1));
        save("b", bytes(5, 2));
        await(backend.delete("a"));
        assertFalse(await(backend.exists("a")));
        awaitFailure(NotFoundException.class, backend.load("a"));
        assertEquals(Set.of("b"), keys());
        assertArrayEquals(bytes(5, 2), load("b"));
    }

    @Test
    public void deleteOfMissingKeySucceeds() {
        await(backend.delete("never-written"));
        assertEquals(Set.of(), keys());
    }

    @Test
    public void existsFollowsSaveAndDelete() {
        assertFalse(await(backend.exists("k")));
        save("k", new byte[] {1});
        assertTrue(await(backend.exists("k")));
        await(backend.delete("k"));
        assertFalse(await(backend.exists("k")));
    }

    @Test
    public void listKeysReturnsExactlyTheKeysWritten() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String key = "key-" + i;
            save(key, bytes(i, i));
            expected.add(key);
        }
        assertEquals(expected, keys());
    }

    @Test
    public void infoCountsEntriesAndBytes() {
        save("a", bytes(1000, 1));
        save("b", bytes(3000, 2));
        StorageInfo info = await(backend.info());
        assertEquals(2, info.entryCount());
        assertTrue("used bytes " + info.usedBytes() + " should cover the 4000 value bytes",
                info.usedBytes() >= 4000);
        await(backend.delete("b"));
        StorageInfo after = await(backend.info());
        assertEquals(1, after.entryCount());
        assertTrue("used bytes should shrink after a delete: " + info.usedBytes() + " -> "
                + after.usedBytes(), after.usedBytes() < info.usedBytes());
        if (after.availableBytes().isPresent()) {
            assertTrue(after.availableBytes().getAsLong() >= 0);
        }
    }

    @Test
    public void clearRemovesEverything() {
        for (int i = 0; i < 10; i++) {
            save("k" + i, bytes(10, i));
        }
        await(backend.clear());
        assertEquals(Set.of(), keys());
        assertEquals(0, await(backend.info()).entryCount());
        awaitFailure(NotFoundException.class, backend.load("k3"));
        save("k3", bytes(3, 3));
        assertArrayEquals(bytes(3, 3), load("k3"));
    }

    @Test
    public void batchAppliesPutsAndDeletesTogether() {
        save("keep", bytes(4, 1));
        save("drop", bytes(4, 2));
        save("change", bytes(4, 3));
        WriteBatch batch = WriteBatch.builder()
                .put("new", bytes(8, 4))
                .delete("drop")
                .put("change", bytes(8, 5))
                .delete("absent")
                .build();
        await(backend.write(batch));
        assertEquals(Set.of("keep", "new", "change"), keys());
        assertArrayEquals(bytes(4, 1), load("keep"));
        assertArrayEquals(bytes(8, 4), load("new"));
        assertArrayEquals(bytes(8, 5), load("change"));
        assertFalse(await(backend.exists("drop")));
    }

    @Test
    public void batchKeepsLastOperationPerKey() {
        WriteBatch batch = WriteBatch.builder()
                .put("k", bytes(3, 1))
                .delete("k")
                .put("k", bytes(3, 2))
                .put("gone", bytes(3, 3))
                .delete("gone")
                .build();
        assertEquals(2, batch.size());
        await(backend.write(batch));
        assertEquals(Set.of("k"), keys());
        assertArrayEquals(bytes(3, 2), load("k"));
    }

    @Test
    public void emptyBatchIsANoOp() {
        save("k", bytes(3, 1));
        await(backend.write(WriteBatch.builder().build()));
        assertEquals(Set.of("k"), keys());
    }

    @Test
    public void largeBatchIsApplied() {
        WriteBatch.Builder builder = WriteBatch.builder();
        for (int i = 0; i < 250; i++) {
            builder.put("batch/" + i, bytes(100, i));
        }
        await(backend.write(builder.build()));
        assertEquals(250, keys().size());
        assertArrayEquals(bytes(100, 249), load("batch/249"));
    }

    @Test
    public void awkwardKeysRoundTripAndListAsWritten() {
        int seed = 0;
        for (String key : AWKWARD_KEYS) {
            save(key, bytes(16, seed++));
        }
        assertEquals(new HashSet<>(AWKWARD_KEYS), keys());
        seed = 0;
        for (String key : AWKWARD_KEYS) {
            assertArrayEquals("value of key " + Arrays.toString(key.toCharArray()), bytes(16, seed++), load(key));
        }
        for (String key : AWKWARD_KEYS) {
            await(backend.delete(key));
        }
        assertEquals(Set.of(), keys());
    }

    @Test
    public void keysDifferingOnlyByCaseAreDistinct() {
        List<String> variants = List.of("Key", "key", "KEY", "kEy", "straße", "STRASSE", "strasse");
        for (int i = 0; i < variants.size(); i++) {
            save(variants.get(i), bytes(4, i));
        }
        assertEquals(new HashSet<>(variants), keys());
        for (int i = 0; i < variants.size(); i++) {
            assertArrayEquals(variants.get(i), bytes(4, i), load(variants.get(i)));
        }
    }

    @Test
    public void keysDifferingOnlyByUnicodeNormalisationAreDistinct() {
        String composed = "\u00e9";
        String decomposed = "e\u0301";
        save(composed, bytes(4, 1));
        save(decomposed, bytes(4, 2));
        assertEquals(Set.of(composed, decomposed), keys());
        assertArrayEquals(bytes(4, 1), load(composed));
        assertArrayEquals(bytes(4, 2), load(decomposed));
    }

    @Test
    public void longKeysThatShareAPrefixAreDistinct() {
        String prefix = "p".repeat(400);
        List<String> longKeys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            longKeys.add(prefix + i);
        }
        for (int i = 0; i < longKeys.size(); i++) {
            save(longKeys.get(i), bytes(4, i));
        }
        assertEquals(new HashSet<>(longKeys), keys());
        for (int i = 0; i < longKeys.size(); i++) {
            assertArrayEquals(bytes(4, i), load(longKeys.get(i)));
        }
    }

    @Test
    public void nullKeyIsRejectedWithNullPointerException() {
        assertThrows(NullPointerException.class, () -> backend.save(null, new byte[1]));
        assertThrows(NullPointerException.class, () -> backend.load(null));
        assertThrows(NullPointerException.class, () -> backend.loadOrNull(null));
        assertThrows(NullPointerException.class, () -> backend.delete(null));
        assertThrows(NullPointerException.class, () -> backend.exists(null));
        assertThrows(NullPointerException.class, () -> backend.write(null));
        assertThrows(NullPointerException.class, () -> WriteBatch.builder().put(null, new byte[0]));
    }

    @Test
    public void nullValueIsRejectedWithNullPointerException() {
        assertThrows(NullPointerException.class, () -> backend.save("k", null));
        assertFalse(await(backend.exists("k")));
    }

    @Test
    public void emptyKeyIsRejectedWithIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> backend.save("", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> backend.load(""));
        assertThrows(IllegalArgumentException.class, () -> backend.loadOrNull(""));
        assertThrows(IllegalArgumentException.class, () -> backend.delete(""));
        assertThrows(IllegalArgumentException.class, () -> backend.exists(""));
        assertThrows(IllegalArgumentException.class, () -> WriteBatch.builder().delete(""));
    }

    @Test
    public void malformedKeyIsRejectedWithIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> backend.save("bad\uD800", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> backend.load("\uDC00bad"));
        assertThrows(IllegalArgumentException.class, () -> backend.loadOrNull("\uDC00bad"));
        assertEquals(Set.of(), keys());
    }

    @Test
    public void nameIsNotBlank() {
        String name = backend.name();
        assertNotNull(name);
        assertFalse(name.isBlank());
    }

    @Test
    public void operationsReturnSettledOrSettlingValues() {
        Async<Void> saved = backend.save("k", new byte[] {1});
        assertNotNull(saved);
        assertSame(null, await(saved));
        try {
            assertArrayEquals(new byte[] {1}, load("k"));
        } catch (RuntimeException e) {
            fail("load after an awaited save failed: " + e);
        }
    }

    // ---- versions and conditional writes -------------------------------------------------

    protected final Versioned loadVersioned(String key) {
        return await(backend.loadVersioned(key));
    }

    /** Writes {@code batch} and returns the version it gave {@code key}. */
    protected final long write(WriteBatch batch, String key) {
        await(backend.write(batch));
        for (WriteBatch.Entry e : batch.entries()) {
            if (e.key().equals(key)) {
                return e.version();
            }
        }
        throw new AssertionError("no entry for " + key + " in " + batch);
    }

    @Test
    public void versionedLoadOfAMissingKeyIsAbsent() {
        Versioned missing = loadVersioned("missing");
        assertFalse(missing.isPresent());
        assertEquals(Versioned.ABSENT, missing.version());
    }

    @Test
    public void versionedLoadReturnsTheValueAndTheVersionItsWriteGaveIt() {
        long version = write(WriteBatch.builder().put("k", bytes(7, 1)).build(), "k");
        Versioned read = loadVersioned("k");
        assertArrayEquals(bytes(7, 1), read.value());
        assertEquals(version, read.version());
        assertTrue("a stored version is above UNVERSIONED: " + version, version > Versioned.UNVERSIONED);
    }

    @Test
    public void everyWriteChangesTheVersion() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            save("k", bytes(3, 1)); // the same bytes each time: the version changes anyway
            assertTrue("version repeated after " + i + " writes", seen.add(loadVersioned("k").version()));
        }
    }

    @Test
    public void conditionalPutAppliesWhenTheStoredVersionIsTheExpectedOne() {
        save("k", bytes(3, 1));
        long before = loadVersioned("k").version();
        long after = write(WriteBatch.builder().putIf("k", bytes(3, 2), before).build(), "k");
        assertArrayEquals(bytes(3, 2), load("k"));
        assertEquals(after, loadVersioned("k").version());
    }

    @Test
    public void conditionalPutOnAbsentAppliesOnlyWhenNothingIsStored() {
        write(WriteBatch.builder().putIf("new", bytes(3, 1), Versioned.ABSENT).build(), "new");
        assertArrayEquals(bytes(3, 1), load("new"));
        ConflictException e = awaitFailure(ConflictException.class,
                backend.write(WriteBatch.builder().putIf("new", bytes(3, 2), Versioned.ABSENT).build()));
        assertEquals("new", e.key());
        assertEquals(loadVersioned("new").version(), e.currentVersion());
        assertArrayEquals(bytes(3, 1), load("new"));
    }

    @Test
    public void conflictNamesTheKeyAndTheCurrentVersionAndAppliesNothingOfTheBatch() {
        save("contested", bytes(3, 1));
        long stale = loadVersioned("contested").version();
        save("contested", bytes(3, 2));
        long current = loadVersioned("contested").version();
        save("other", bytes(3, 3));
        WriteBatch batch = WriteBatch.builder()
                .put("bystander", bytes(3, 4))
                .delete("other")
                .putIf("contested", bytes(3, 5), stale)
                .build();
        ConflictException e = awaitFailure(ConflictException.class, backend.write(batch));
        assertEquals("contested", e.key());
        assertEquals(backend.name(), e.backend());
        assertEquals(stale, e.expectedVersion());
        assertEquals(current, e.currentVersion());
        assertEquals("CONFLICT", e.code());
        assertArrayEquals(bytes(3, 2), load("contested"));
        assertEquals(current, loadVersioned("contested").version());
        assertFalse("a refused batch wrote its other puts", await(backend.exists("bystander")));
        assertArrayEquals("a refused batch applied its other deletes", bytes(3, 3), load("other"));
    }

    @Test
    public void conditionalPutOnAKeyThatWasDeletedConflictsWithAbsent() {
        save("k", bytes(3, 1));
        long version = loadVersioned("k").version();
        await(backend.delete("k"));
        ConflictException e = awaitFailure(ConflictException.class,
                backend.write(WriteBatch.builder().putIf("k", bytes(3, 2), version).build()));
        assertEquals(Versioned.ABSENT, e.currentVersion());
        assertFalse(await(backend.exists("k")));
    }

    @Test
    public void aDeleteFollowedByARecreateNeverBringsBackTheOldVersion() {
        save("k", bytes(3, 1));
        long old = loadVersioned("k").version();
        await(backend.delete("k"));
        save("k", bytes(3, 1)); // the same bytes again
        assertTrue("the re-created entry got its old version back", loadVersioned("k").version() != old);
        awaitFailure(ConflictException.class,
                backend.write(WriteBatch.builder().putIf("k", bytes(3, 2), old).build()));
        assertArrayEquals(bytes(3, 1), load("k"));
    }

    @Test
    public void conditionalDeleteAppliesOnlyWhenTheStoredVersionIsTheExpectedOne() {
        save("k", bytes(3, 1));
        long stale = loadVersioned("k").version();
        save("k", bytes(3, 2));
        long current = loadVersioned("k").version();
        ConflictException e = awaitFailure(ConflictException.class,
                backend.write(WriteBatch.builder().deleteIf("k", stale).build()));
        assertEquals(current, e.currentVersion());
        assertArrayEquals(bytes(3, 2), load("k"));
        await(backend.write(WriteBatch.builder().deleteIf("k", current).build()));
        assertFalse(await(backend.exists("k")));
        assertEquals(Versioned.ABSENT, loadVersioned("k").version());
    }

    @Test
    public void conditionalDeleteOfAnAbsentKeyExpectingAbsentSucceeds() {
        await(backend.write(WriteBatch.builder().deleteIf("never", Versioned.ABSENT).build()));
        assertFalse(await(backend.exists("never")));
    }

    @Test
    public void ofTwoWritersRacingFromTheSameVersionExactlyOneWins() {
        save("counter", new byte[] {0});
        long base = loadVersioned("counter").version();
        // Both writes are issued before either is awaited, as two tabs or processes would.
        Async<Void> first = backend.write(WriteBatch.builder().putIf("counter", new byte[] {1}, base).build());
        Async<Void> second = backend.write(WriteBatch.builder().putIf("counter", new byte[] {2}, base).build());
        boolean firstWon = won(first);
        boolean secondWon = won(second);
        assertTrue("exactly one writer wins: " + firstWon + ", " + secondWon, firstWon != secondWon);
        assertArrayEquals(new byte[] {(byte) (firstWon ? 1 : 2)}, load("counter"));
    }

    /** Returns whether {@code write} succeeded; fails the test unless it failed with a conflict. */
    private boolean won(Async<Void> write) {
        try {
            await(write);
            return true;
        } catch (Throwable t) {
            Throwable cause = t;
            while (cause != null && !(cause instanceof ConflictException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw new AssertionError("a losing writer must see a ConflictException, not " + t, t);
            }
            return false;
        }
    }

    // ---- failures ------------------------------------------------------------------------

    @Test
    public void aFailedWriteLeavesThePreviousValueIntact() throws Exception {
        save("k", bytes(32, 1));
        int failing = injectWriteFault("k");
        awaitFailure(PersistenceException.class, backend.save("k", secretValue(failing)));
        assertArrayEquals(bytes(32, 1), load("k"));
        assertEquals(Set.of("k"), keys());
        save("k", bytes(40, 2));
        assertArrayEquals(bytes(40, 2), load("k"));
    }

    @Test
    public void aFailedWriteOfANewKeyLeavesNoEntry() throws Exception {
        int failing = injectWriteFault("k");
        awaitFailure(PersistenceException.class, backend.save("k", secretValue(failing)));
        assertFalse(await(backend.exists("k")));
        awaitFailure(NotFoundException.class, backend.load("k"));
        assertEquals(Set.of(), keys());
    }

    @Test
    public void aFailedBatchLeavesNoneOfItsEntriesOrEachWhole() throws Exception {
        save("a", bytes(8, 1));
        save("b", bytes(8, 2));
        int failing = injectWriteFault("poison");
        WriteBatch batch = WriteBatch.builder()
                .put("a", bytes(8, 3))
                .delete("b")
                .put("c", bytes(8, 4))
                .put("poison", secretValue(failing))
                .put("z", bytes(8, 5))
                .build();
        awaitFailure(PersistenceException.class, backend.write(batch));
        assertFalse(await(backend.exists("poison")));
        if (batchesAreAllOrNothing()) {
            assertEquals(Set.of("a", "b"), keys());
            assertArrayEquals(bytes(8, 1), load("a"));
            assertArrayEquals(bytes(8, 2), load("b"));
        } else {
            byte[] a = load("a");
            assertTrue("a is neither its old nor its new value",
                    Arrays.equals(a, bytes(8, 1)) || Arrays.equals(a, bytes(8, 3)));
            if (await(backend.exists("c"))) {
                assertArrayEquals(bytes(8, 4), load("c"));
            }
        }
    }

    @Test
    public void unconditionalWritesIgnoreVersions() {
        save("k", bytes(3, 1));
        await(backend.write(WriteBatch.builder().put("k", bytes(3, 2)).delete("gone").build()));
        assertArrayEquals(bytes(3, 2), load("k"));
    }

    @Test
    public void clearForgetsVersions() {
        save("k", bytes(3, 1));
        await(backend.clear());
        assertEquals(Versioned.ABSENT, loadVersioned("k").version());
        write(WriteBatch.builder().putIf("k", bytes(3, 2), Versioned.ABSENT).build(), "k");
    }

    @Test
    public void negativeExpectedVersionsAreRejectedWithIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> WriteBatch.builder().putIf("k", new byte[0], -1));
        assertThrows(IllegalArgumentException.class, () -> WriteBatch.builder().deleteIf("k", -5));
        assertThrows(NullPointerException.class, () -> backend.loadVersioned(null));
        assertThrows(IllegalArgumentException.class, () -> backend.loadVersioned(""));
    }

    @Test
    public void aFailedWriteNamesTheKeyButNeverShowsTheValue() throws Exception {
        int failing = injectWriteFault("k");
        PersistenceException single = awaitFailure(PersistenceException.class, backend.save("k", secretValue(failing)));
        assertEquals("k", single.key());
        assertShowsNoValue(single);
        PersistenceException inBatch = awaitFailure(PersistenceException.class, backend.write(WriteBatch.builder()
                .put("other", secretValue(64))
                .put("k", secretValue(failing))
                .build()));
        assertShowsNoValue(inBatch);
    }

    @Test
    public void storedBytesCorruptedInTheBackendAreReportedNeverReturned() {
        PersistenceManager<String> writer = manager(backend);
        Async<Void> saved = writer.save("k", "the value");
        await(writer.flush());
        await(saved);
        List<String> stored = await(backend.listKeys());
        assertEquals(1, stored.size());
        String storageKey = stored.get(0);
        byte[] good = load(storageKey);
        int[] positions = {0, 9, good.length / 2, good.length - 1};
        for (int position : positions) {
            byte[] bad = good.clone();
            bad[position] ^= 0x01;
            save(storageKey, bad);
            CorruptedDataException e = awaitFailure(CorruptedDataException.class, manager(backend).load("k"));
            assertEquals(storageKey, e.key());
        }
        save(storageKey, Arrays.copyOf(good, good.length - 1));
        awaitFailure(CorruptedDataException.class, manager(backend).load("k"));
        save(storageKey, good);
        assertEquals(Optional.of("the value"), await(manager(backend).load("k")));
    }

    @Test
    public void bytesCorruptedOnTheWayBackAreReportedNeverReturned() {
        PersistenceManager<String> writer = manager(backend);
        Async<Void> saved = writer.save("k", "the value");
        await(writer.flush());
        await(saved);
        FaultyBackend flipping = new FaultyBackend(backend).corruptNextLoads(1);
        awaitFailure(CorruptedDataException.class, manager(flipping).load("k"));
        assertEquals(Optional.of("the value"), await(manager(flipping).load("k")));
    }
}
