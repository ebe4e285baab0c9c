package dev.keepsake.core.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.format.RunLengthCompressor;
import dev.keepsake.core.time.ManualScheduler;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

@RunWith(TeaVMTestRunner.class)
public class PersistenceConfigTest {

    @Test
    public void defaultsFollowTheOriginalDesign() {
        PersistenceConfig c = PersistenceConfig.defaults();
        assertEquals("keepsake", c.keyPrefix());
        assertTrue(c.autoSave());
        assertEquals(100, c.saveDebounceMillis());
        assertTrue(c.batchWrites());
        assertEquals(1000, c.flushIntervalMillis());
        assertEquals(100, c.maxBatchSize());
        assertEquals(1000, c.cacheSize());
        assertEquals(ErrorStrategy.logAndContinue(), c.errorStrategy());
    }

    @Test
    public void storageKeysAreWhereAManagerStoresTheValue() {
        for (String prefix : List.of("keepsake", "a:b", "x!y", "back\\slash", "\u00fc\u00df", "::", "!")) {
            for (String key : List.of("todos", "with:colon", "x!1:y", "\\")) {
                MemoryBackend memory = MemoryBackend.create();
                PersistenceConfig config = PersistenceConfig.builder().keyPrefix(prefix).build();
                PersistenceManager<String> manager = PersistenceManager
                        .builder(memory, Serializers.json(Codecs.strings()), ManualScheduler.create())
                        .config(config)
                        .build();
                manager.save(key, "v");
                assertTrue(manager.flush().isDone());
                assertEquals(prefix + " / " + key, List.of(config.storageKey(key)), memory.listKeys().peek());
            }
        }
        assertEquals("a\\:b:k", PersistenceConfig.builder().keyPrefix("a:b").build().storageKey("k"));
        assertThrows(IllegalArgumentException.class, () -> PersistenceConfig.defaults().storageKey(""));
    }

    @Test
    public void toBuilderKeepsEverySetting() {
        PersistenceConfig c = PersistenceConfig.builder().keyPrefix("p").autoSave(false).saveDebounceMillis(5)
                .batchWrites(false).flushIntervalMillis(50).maxBatchSize(7).cacheSize(3)
                .errorStrategy(ErrorStrategy.retryWithBackoff(1, 10, 3))
                .decompressor(new RunLengthCompressor()).build();
        assertEquals(c.toString(), c.toBuilder().build().toString());
        assertTrue(c.toString(), c.toString().contains("decompressors=[test-rle]"));
    }

    @Test
    public void aDecompressorIsListedOnceAndMustNotClashWithAnotherAlgorithm() {
        PersistenceConfig c = PersistenceConfig.builder().decompressor(new RunLengthCompressor())
                .decompressor(new RunLengthCompressor()).build();
        assertEquals(1, c.decompressors().size());
        assertThrows(UnsupportedOperationException.class, () -> c.decompressors().add(new RunLengthCompressor()));
        assertMessage("two compressors with id 200", () -> PersistenceConfig.builder()
                .compressor(new RunLengthCompressor()).decompressor(new Impostor()).build());
        assertMessage("two compressors with id 200", () -> PersistenceConfig.builder()
                .decompressor(new RunLengthCompressor()).decompressor(new Impostor()).build());
        assertThrows(NullPointerException.class, () -> PersistenceConfig.builder().decompressor(null));
    }

    @Test
    public void nonsenseIsRejectedWithAMessage() {
        assertMessage("save debounce must not be negative", () -> PersistenceConfig.builder().saveDebounceMillis(-1));
        assertMessage("flush interval must be positive", () -> PersistenceConfig.builder().flushIntervalMillis(0));
        assertMessage("max batch size must be at least 1", () -> PersistenceConfig.builder().maxBatchSize(0));
        assertMessage("cache size must not be negative", () -> PersistenceConfig.builder().cacheSize(-1));
        assertMessage("key must not be empty", () -> PersistenceConfig.builder().keyPrefix(""));
        assertMessage("must not exceed the flush interval",
                () -> PersistenceConfig.builder().saveDebounceMillis(2000).flushIntervalMillis(1000).build());
        assertMessage("must not be below the initial delay", () -> ErrorStrategy.retryWithBackoff(100, 10, 3));
        assertMessage("max attempts must be at least 2", () -> ErrorStrategy.retryWithBackoff(1, 10, 1));
        assertThrows(NullPointerException.class, () -> PersistenceConfig.builder().errorStrategy(null));
    }

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue("message \"" + e.getMessage() + "\" should contain \"" + expected + "\"",
                e.getMessage().contains(expected));
    }

    /** A different algorithm under the run-length compressor's id. */
    private static final class Impostor extends RunLengthCompressor {
        @Override
        public String name() {
            return "impostor";
        }
    }
}
