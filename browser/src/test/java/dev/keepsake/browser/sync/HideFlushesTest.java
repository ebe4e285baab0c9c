package dev.keepsake.browser.sync;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.store.PersistentStore;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.testing.FaultyBackend;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Flush on hide, over a fake page and a manual clock that never advances: only the hide can
 * write a change, since the debounce (one hour) never expires.
 */
@RunWith(TeaVMTestRunner.class)
public class HideFlushesTest {

    private static final PersistenceConfig SLOW = PersistenceConfig.builder()
            .saveDebounceMillis(3_600_000).flushIntervalMillis(3_600_000).build();

    private final FakePage page = new FakePage();
    private final HideFlushes registry = new HideFlushes(page);
    private final ManualScheduler time = ManualScheduler.create();
    private final MemoryBackend memory = MemoryBackend.create();

    private PersistentStore<String> store(String key, dev.keepsake.core.backend.StorageBackend backend) {
        PersistentStore<String> store = PersistentStore.builder(backend, time, key, Codecs.strings(), "initial")
                .config(SLOW).build();
        assertTrue(store.whenHydrated().isDone());
        return store;
    }

    private List<String> storedKeys() {
        return memory.listKeys().peek();
    }

    @Test
    public void hidingThePageWritesWhatTheDebounceStillHolds() {
        PersistentStore<String> store = store("draft", memory);
        registry.register(store, store::flush);
        store.set("typed just before switching tabs");
        assertEquals("nothing written yet", List.of(), storedKeys());

        page.hide();

        assertEquals(List.of("keepsake:draft"), storedKeys());
        PersistentStore<String> reopened = store("draft", memory);
        assertEquals("typed just before switching tabs", reopened.get());
    }

    @Test
    public void oneListenerForAllTargetsAndRegisteringTwiceFlushesOnce() {
        FaultyBackend counted = new FaultyBackend(memory);
        PersistentStore<String> a = store("a", counted);
        PersistentStore<String> b = store("b", counted);
        Attachment first = registry.register(a, a::flush);
        assertSame("same target, same attachment", first, registry.register(a, a::flush));
        registry.register(b, b::flush);
        assertEquals(1, page.hideListeners.size());
        assertEquals(2, registry.size());

        a.set("1");
        b.set("2");
        page.hide();

        assertEquals("one batch per store", 2, counted.batches().size());
    }

    @Test
    public void detachingTheLastRegistrationRemovesThePageListener() {
        PersistentStore<String> a = store("a", memory);
        PersistentStore<String> b = store("b", memory);
        Attachment first = registry.register(a, a::flush);
        Attachment second = registry.register(b, b::flush);
        first.detach();
        first.detach();
        assertFalse(first.isAttached());
        assertEquals(1, page.hideListeners.size());
        second.detach();
        assertEquals("no listener left behind", 0, page.hideListeners.size());

        a.set("not flushed: detached");
        page.hide();
        assertEquals(List.of(), storedKeys());
    }

    @Test
    public void aClosedTargetIsDroppedAndTheOthersAreStillFlushed() {
        PersistentStore<String> closed = store("closed", memory);
        PersistentStore<String> open = store("open", memory);
        Attachment closedAttachment = registry.register(closed, closed::flush);
        registry.register(open, open::flush);
        assertTrue(closed.close().isDone());
        open.set("still saved");

        page.hide();

        assertFalse(closedAttachment.isAttached());
        assertEquals(1, registry.size());
        assertEquals(List.of("keepsake:open"), storedKeys());
    }

    @Test
    public void aFailingFlushDoesNotStopTheNextOne() {
        FaultyBackend failing = new FaultyBackend(MemoryBackend.create())
                .failNextWrites(1, () -> new WriteFailedException("test", "k", "disk on fire", null));
        PersistentStore<String> broken = store("broken", failing);
        PersistentStore<String> fine = store("fine", memory);
        registry.register(broken, broken::flush);
        registry.register(fine, fine::flush);
        broken.set("lost for now");
        fine.set("saved");

        page.hide();

        assertEquals(List.of("keepsake:fine"), storedKeys());
        assertEquals("the failed store stays registered for the next hide", 2, registry.size());
    }

    @Test
    public void anyFlushCanBeRegistered() {
        int[] calls = {0};
        java.util.function.Supplier<Async<Void>> flush = () -> {
            calls[0]++;
            return Async.done();
        };
        registry.register(flush, flush);
        page.hide();
        page.hide();
        assertEquals(2, calls[0]);
    }
}
