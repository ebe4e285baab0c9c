package dev.keepsake.browser.sync;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.time.ManualScheduler;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The key mapping agrees with what a real manager writes, for plain and awkward prefixes. */
@RunWith(TeaVMTestRunner.class)
public class StorageKeysTest {

    @Test
    public void backendKeysAreWhereAManagerStoresTheValue() {
        for (String prefix : List.of("keepsake", "a:b", "x!y", "back\\slash", "\u00fc\u00df", "::", "!")) {
            for (String key : List.of("todos", "with:colon", "x!1:y", "\\")) {
                MemoryBackend memory = MemoryBackend.create();
                PersistenceManager<String> manager = PersistenceManager
                        .builder(memory, Serializers.json(Codecs.strings()), ManualScheduler.create())
                        .config(PersistenceConfig.builder().keyPrefix(prefix).build())
                        .build();
                assertTrue(manager.save(key, "v").isDone() || manager.flush().isDone());
                assertTrue(manager.flush().isDone());
                assertEquals(prefix + " / " + key, List.of(StorageKeys.backendKey(prefix, key)),
                        memory.listKeys().peek());
            }
        }
    }

    @Test
    public void localStorageKeysAddTheBackendsPrefix() {
        assertEquals("site:keepsake:todos", StorageKeys.localStorageKey("site", StorageKeys.backendKey("keepsake", "todos")));
    }

    @Test
    public void channelNamesDoNotCollide() {
        assertNotEquals(StorageKeys.channelName("a:b", "c"), StorageKeys.channelName("a", "b:c"));
        assertEquals(StorageKeys.channelName("db", "values"), StorageKeys.channelName("db", "values"));
    }
}
