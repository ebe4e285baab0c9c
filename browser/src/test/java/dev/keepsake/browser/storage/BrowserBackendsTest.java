package dev.keepsake.browser.storage;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.backend.MemoryBackend;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/** The default choice: a real probe per candidate, falling back in order, with reasons. */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class BrowserBackendsTest {

    private static int counter;
    private final String name = "choice-" + ++counter + "-" + (int) (Math.random() * 1e9);

    @Test
    public void indexedDbIsChosenWhenItWorksAndTheProbeLeavesNothing() {
        BackendChoice choice = Blocking.await(BrowserBackends.openDefault(name));
        assertEquals(BackendChoice.Kind.INDEXED_DB, choice.kind());
        assertTrue(choice.backend() instanceof IndexedDbBackend);
        assertEquals(List.of(), choice.rejected());
        assertTrue(choice.isPersistent());
        assertEquals(List.of(), Blocking.await(choice.backend().listKeys()));
        Blocking.await(choice.backend().save("k", new byte[] {5}));
        assertArrayEquals(new byte[] {5}, Blocking.await(choice.backend().load("k")));
        ((IndexedDbBackend) choice.backend()).close();
        Blocking.await(IndexedDbTesting.deleteDatabase(name));
    }

    @Test
    public void localStorageIsChosenWhenIndexedDbIsMissing() {
        IndexedDbBackend missing = IndexedDbBackend.builder().database(name).factory(() -> null).build();
        LocalStorageBackend local = LocalStorageBackend.create(name);
        BackendChoice choice = Blocking.await(BrowserBackends.choose(List.of(
                new BrowserBackends.Candidate(BackendChoice.Kind.INDEXED_DB, missing),
                new BrowserBackends.Candidate(BackendChoice.Kind.LOCAL_STORAGE, local))));
        assertEquals(BackendChoice.Kind.LOCAL_STORAGE, choice.kind());
        assertSame(local, choice.backend());
        assertEquals(1, choice.rejected().size());
        assertTrue(choice.rejected().get(0), choice.rejected().get(0).contains("IndexedDB is not available"));
        assertEquals(List.of(), Blocking.await(local.listKeys()));
    }

    @Test
    public void memoryIsTheLastResortAndEveryRejectionIsExplained() {
        IndexedDbBackend missing = IndexedDbBackend.builder().database(name).factory(() -> null).build();
        LocalStorageBackend blocked = LocalStorageBackend.over(name, FakeStorage::securityError);
        BackendChoice choice = Blocking.await(BrowserBackends.choose(List.of(
                new BrowserBackends.Candidate(BackendChoice.Kind.INDEXED_DB, missing),
                new BrowserBackends.Candidate(BackendChoice.Kind.LOCAL_STORAGE, blocked))));
        assertEquals(BackendChoice.Kind.MEMORY, choice.kind());
        assertTrue(choice.backend() instanceof MemoryBackend);
        assertFalse(choice.isPersistent());
        assertEquals(2, choice.rejected().size());
        assertTrue(choice.rejected().get(0).startsWith(missing.name()));
        assertTrue(choice.rejected().get(1), choice.rejected().get(1).contains("SecurityError"));
    }

    @Test
    public void aFullLocalStorageFailsItsProbe() {
        LocalStorageBackend full = LocalStorageBackend.over(name, () -> FakeStorage.withLimit(0, "QuotaExceededError"));
        BackendChoice choice = Blocking.await(BrowserBackends.choose(List.of(
                new BrowserBackends.Candidate(BackendChoice.Kind.LOCAL_STORAGE, full))));
        assertEquals(BackendChoice.Kind.MEMORY, choice.kind());
        assertTrue(choice.rejected().get(0), choice.rejected().get(0).contains("full"));
    }

    @Test
    public void aNameThatIsNotAValidPrefixIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> BrowserBackends.openDefault("a:b"));
        assertThrows(NullPointerException.class, () -> BrowserBackends.openDefault(null));
    }
}
