package dev.keepsake.browser.sync;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.keepsake.browser.storage.IndexedDbBackend;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.core.machine.PersistedMachine;
import dev.keepsake.core.machine.StateMachine;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.store.PersistentStore;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.testing.FaultyBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Following other tabs, over a fake page. "This tab" and "the other tab" are two stores on one
 * shared in-memory backend; the localStorage and IndexedDB backends below only tell the
 * follower which notifications to listen to (they are never read or written here).
 */
@RunWith(TeaVMTestRunner.class)
public class TabFollowersTest {

    private static final PersistenceConfig CONFIG = PersistenceConfig.builder().keyPrefix("app").build();

    private final FakePage page = new FakePage();
    private final ManualScheduler time = ManualScheduler.create();
    private final TabFollowers followers = new TabFollowers(page, new HideFlushes(page), new DirectLocks(),
            MemoryBackend.create(), time);
    private final FaultyBackend shared = new FaultyBackend(MemoryBackend.create());
    private final LocalStorageBackend local = LocalStorageBackend.create("site");
    private final IndexedDbBackend indexed = IndexedDbBackend.builder().database("db").store("things").build();

    private PersistentStore<String> store(String key) {
        PersistentStore<String> store = PersistentStore.builder(shared, time, key, Codecs.strings(), "initial")
                .config(CONFIG).build();
        assertTrue(store.whenHydrated().isDone());
        return store;
    }

    private void otherTabWrites(String key, String value) {
        PersistentStore<String> other = store(key);
        other.set(value);
        assertTrue(other.close().isDone());
    }

    @Test
    public void aStorageEventForTheStoresEntryReloadsItAndSubscribersHear() {
        PersistentStore<String> store = store("todos");
        List<String> heard = new ArrayList<>();
        store.subscribe(heard::add);
        followers.follow(store, local, CONFIG.storageKey(store.key()), store::reload);

        otherTabWrites("todos", "from the other tab");
        page.storageEvent("site:app:todos");

        assertEquals("from the other tab", store.get());
        assertEquals(List.of("from the other tab"), heard);
    }

    @Test
    public void storageEventsForOtherEntriesAreIgnored() {
        PersistentStore<String> store = store("todos");
        followers.follow(store, local, CONFIG.storageKey(store.key()), store::reload);
        otherTabWrites("todos", "changed");
        page.storageEvent("other:app:todos");      // another backend's prefix
        page.storageEvent("site:other:todos");     // another manager's prefix
        page.storageEvent("site:app!1700000000000:todos"); // a backup of the key
        page.storageEvent("site:app:todos2");
        page.storageEvent("app:todos");
        assertEquals("initial", store.get());
        page.storageEvent(null); // localStorage.clear() in another tab: everything may have changed
        assertEquals("changed", store.get());
    }

    @Test
    public void thePrefixIsEscapedAsTheManagerStoresIt() {
        PersistenceConfig odd = PersistenceConfig.builder().keyPrefix("a:b!c").build();
        PersistentStore<String> store = PersistentStore.builder(shared, time, "k", Codecs.strings(), "initial")
                .config(odd).build();
        followers.follow(store, local, odd.storageKey(store.key()), store::reload);
        PersistentStore<String> other = PersistentStore.builder(shared, time, "k", Codecs.strings(), "initial")
                .config(odd).build();
        other.set("escaped");
        other.close();
        page.storageEvent("site:a:b!c:k");
        assertEquals("the unescaped form is not the stored key", "initial", store.get());
        page.storageEvent("site:a\\:b\\!c:k");
        assertEquals("escaped", store.get());
    }

    @Test
    public void announcedIndexedDbWritesReachFollowersOnTheDatabasesChannel() {
        String channel = StorageKeys.channelName("db", "things");
        StorageBackend announcing = followers.announcing(indexed);
        assertSame("wrapping twice is wrapping once", announcing, followers.announcing(announcing));
        assertSame("localStorage has its own event", local, followers.announcing(local));

        PersistentStore<String> store = store("todos");
        AnnouncingBackend writer = new AnnouncingBackend(shared, page, channel);
        PersistentStore<String> other = PersistentStore.builder(writer, time, "todos", Codecs.strings(), "x")
                .config(CONFIG).build();
        other.set("written");
        assertTrue(other.flush().isDone());
        assertEquals(List.of(channel + "=app:todos"), page.announcements);

        followers.follow(store, announcing, CONFIG.storageKey(store.key()), store::reload);
        assertEquals(1, page.channelListenerCount());
        page.channelMessage(channel, "app:other");
        assertEquals("initial", store.get());
        page.channelMessage(StorageKeys.channelName("db", "elsewhere"), "app:todos");
        assertEquals("initial", store.get());
        page.channelMessage(channel, "app:todos");
        assertEquals("written", store.get());
    }

    @Test
    public void failedWritesAnnounceNothingAndClearAnnouncesEverything() {
        String channel = StorageKeys.channelName("db", "things");
        shared.failNextWrites(1, () -> new WriteFailedException("test", "k", "refused", null));
        AnnouncingBackend writer = new AnnouncingBackend(shared, page, channel);
        assertTrue(writer.write(WriteBatch.builder().put("k", new byte[] {1}).build()).isFailed());
        assertEquals(List.of(), page.announcements);
        assertTrue(writer.write(WriteBatch.builder().put("k", new byte[] {1}).delete("j").build()).isDone());
        assertTrue(writer.clear().isDone());
        assertEquals(List.of(channel + "=k,j", channel + "=*"), page.announcements);
    }

    @Test
    public void changesHeardDuringAReloadStartOneMoreReloadAfterIt() {
        PersistentStore<String> store = store("todos");
        int[] reloads = {0};
        followers.follow(store, local, CONFIG.storageKey(store.key()), () -> {
            reloads[0]++;
            return store.reload();
        });
        PersistentStore<String> other = store("todos");
        shared.holdLoads();
        page.storageEvent("site:app:todos");
        other.set("second");
        assertTrue(other.flush().isDone());
        page.storageEvent("site:app:todos");
        page.storageEvent("site:app:todos");
        page.storageEvent("site:app:todos");
        assertEquals("one reload at a time", 1, reloads[0]);
        shared.releaseLoads();

        assertEquals("the first reload, then exactly one more", 2, reloads[0]);
        assertEquals("the last read began after the last change", "second", store.get());
        page.storageEvent("site:app:todos");
        assertEquals(3, reloads[0]);
    }

    @Test
    public void attachingTwiceReturnsTheLiveAttachmentAndDetachingRemovesTheListener() {
        PersistentStore<String> store = store("todos");
        Attachment first = followers.follow(store, local, CONFIG.storageKey(store.key()), store::reload);
        assertSame(first, followers.follow(store, local, CONFIG.storageKey(store.key()), store::reload));
        assertEquals(1, page.storageListeners.size());

        first.detach();
        first.detach();
        assertFalse(first.isAttached());
        assertEquals(0, page.storageListeners.size());
        assertEquals(0, followers.size());

        Attachment second = followers.follow(store, local, CONFIG.storageKey(store.key()), store::reload);
        assertTrue("a new attachment after detaching", second != first && second.isAttached());
        second.detach();
    }

    @Test
    public void aClosedStoreDetachesItselfOnTheNextChange() {
        PersistentStore<String> store = store("todos");
        Attachment attachment = followers.follow(store, local, CONFIG.storageKey(store.key()), store::reload);
        store.close();
        page.storageEvent("site:app:todos");
        assertFalse(attachment.isAttached());
        assertEquals(0, page.storageListeners.size());
        assertEquals(0, followers.size());
    }

    @Test
    public void memoryBackendsHaveNothingToFollow() {
        PersistentStore<String> store = store("todos");
        Attachment attachment = followers.follow(store, MemoryBackend.create(), CONFIG.storageKey("todos"),
                store::reload);
        assertFalse(attachment.isAttached());
        assertEquals(0, page.storageListeners.size() + page.channelListenerCount());
    }

    enum Light { RED, GREEN }

    @Test
    public void aMachineMovedInAnotherTabIsRestoredAndItsListenersHear() {
        StateMachine<Light, String, Integer> lights = StateMachine.<Light, String, Integer>builder(Light.RED, 0)
                .on(Light.RED, "go").update((n, e) -> n + 1).to(Light.GREEN)
                .on(Light.GREEN, "stop").to(Light.RED)
                .build();
        PersistedMachine<Light, String, Integer> here = PersistedMachine.builder(lights, shared, time, "lights",
                Codecs.enums(Light.values()), Codecs.ints()).config(CONFIG).build();
        List<String> heard = new ArrayList<>();
        here.subscribe((from, to, context) -> heard.add(from + ">" + to));
        followers.follow(here, local, CONFIG.storageKey("lights"), here::reload);

        PersistedMachine<Light, String, Integer> there = PersistedMachine.builder(lights, shared, time, "lights",
                Codecs.enums(Light.values()), Codecs.ints()).config(CONFIG).build();
        there.send("go");
        assertTrue(there.flush().isDone());
        page.storageEvent("site:app:lights");

        assertEquals(Light.GREEN, here.state());
        assertEquals(1, (int) here.context());
        assertEquals(List.of("RED>GREEN"), heard);
    }
}
