package dev.keepsake.jvm.sql;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.store.PersistentStore;
import dev.keepsake.jvm.JvmAsync;
import dev.keepsake.jvm.ThreadScheduler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM for {@link TwoProcessCounterTest}: opens a SQLite file or a PostgreSQL table,
 * prints {@code ready}, waits for a line on stdin, increments the counter under key
 * {@code "counter"} {@code n} times, prints {@code done <conflicts>} and exits.
 *
 * <p>Arguments: {@code sqlite <file> | postgres <url> <table>}, then {@code store} (a
 * {@link PersistentStore} doing {@code update(n -> n + 1)}, flushing every few updates) or
 * {@code backend} (a read, then a conditional put, retried on conflict), then {@code n}.
 */
public final class CounterChild {

    private CounterChild() {
    }

    public static void main(String[] args) throws Exception {
        int at = 0;
        String kind = args[at++];
        StorageBackend backend = kind.equals("sqlite")
                ? SqliteBackend.open(Path.of(args[at++]))
                : PostgresBackend.builder(args[at++]).table(args[at++]).open();
        String mode = args[at++];
        int n = Integer.parseInt(args[at]);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        int conflicts = mode.equals("store") ? viaStore(backend, n) : viaBackend(backend, n);
        ((AutoCloseable) backend).close();
        System.out.println("done " + conflicts);
        System.out.flush();
    }

    private static int viaStore(StorageBackend backend, int n) throws Exception {
        AtomicInteger conflicts = new AtomicInteger();
        try (ThreadScheduler scheduler = ThreadScheduler.create()) {
            PersistentStore<Integer> counter = PersistentStore.builder(backend, scheduler, "counter", Codecs.ints(), 0)
                    .config(PersistenceConfig.builder().saveDebounceMillis(1).flushIntervalMillis(5).build())
                    .onConflict(c -> conflicts.incrementAndGet())
                    .onError(e -> {
                        throw new IllegalStateException("store failed", e);
                    })
                    .build();
            JvmAsync.toFuture(counter.whenHydrated()).join();
            for (int i = 1; i <= n; i++) {
                counter.update(v -> v + 1);
                if (i % 3 == 0) {
                    JvmAsync.toFuture(counter.flush()).join();
                }
            }
            JvmAsync.toFuture(counter.close()).join();
        }
        return conflicts.get();
    }

    private static int viaBackend(StorageBackend backend, int n) {
        int conflicts = 0;
        for (int i = 0; i < n; i++) {
            while (true) {
                Versioned read = JvmAsync.toFuture(backend.loadVersioned("counter")).join();
                int next = (read.value() == null ? 0 : ByteBuffer.wrap(read.value()).getInt()) + 1;
                try {
                    JvmAsync.toFuture(backend.write(WriteBatch.builder()
                            .putIf("counter", ByteBuffer.allocate(4).putInt(next).array(), read.version())
                            .build())).join();
                    break;
                } catch (RuntimeException e) {
                    if (!(e.getCause() instanceof ConflictException)) {
                        throw e;
                    }
                    conflicts++;
                }
            }
        }
        return conflicts;
    }
}
