package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.time.ManualScheduler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the manager itself costs, over a memory backend so that storage does not hide it:
 * {@code save} (serialize and enqueue into the batcher, coalescing over 1000 keys),
 * {@code load} answered by the cache, and {@code load} through envelope and codec (no cache).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ManagerBenchmark {

    /** A small application record, about 100 bytes of JSON. */
    public record Item(String title, int priority, boolean done, List<String> tags) {
    }

    static final Codec<Item> ITEM = Codecs.record(Item::new,
            Codecs.field("title", Codecs.strings(), Item::title),
            Codecs.field("priority", Codecs.ints(), Item::priority),
            Codecs.field("done", Codecs.booleans(), Item::done),
            Codecs.field("tags", Codecs.lists(Codecs.strings()), Item::tags));

    private static final int KEYS = 1000;

    private final String[] keys = new String[KEYS];
    private final Item item = new Item("Buy oat milk and the good coffee beans", 3, false, List.of("home", "errands"));
    private PersistenceManager<Item> enqueue;
    private PersistenceManager<Item> cached;
    private PersistenceManager<Item> uncached;
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "todo/" + i;
        }
        ManualScheduler time = ManualScheduler.create();
        MemoryBackend memory = MemoryBackend.create();
        // A batch never fills (keys coalesce below the max), so save measures enqueueing alone.
        enqueue = PersistenceManager.builder(MemoryBackend.create(), Serializers.json(ITEM), time)
                .config(PersistenceConfig.builder().maxBatchSize(KEYS * 10).build()).build();
        PersistenceManager<Item> writer = PersistenceManager.builder(memory, Serializers.json(ITEM), time).build();
        for (String key : keys) {
            writer.save(key, item);
        }
        writer.close().peek();
        cached = PersistenceManager.builder(memory, Serializers.json(ITEM), time).build();
        for (String key : keys) {
            cached.load(key).peek();
        }
        uncached = PersistenceManager.builder(memory, Serializers.json(ITEM), time)
                .config(PersistenceConfig.builder().cacheSize(0).build()).build();
    }

    private String nextKey() {
        int i = next++;
        if (next == KEYS) {
            next = 0;
        }
        return keys[i];
    }

    @Benchmark
    public Async<Void> saveEnqueue() {
        return enqueue.save(nextKey(), item);
    }

    @Benchmark
    public Optional<Item> loadCacheHit() {
        return cached.load(nextKey()).peek();
    }

    @Benchmark
    public Optional<Item> loadThroughEnvelopeAndCodec() {
        return uncached.load(nextKey()).peek();
    }
}
