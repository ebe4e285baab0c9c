package dev.keepsake.jvm.bench;

import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.jvm.JvmAsync;
import dev.keepsake.jvm.ThreadScheduler;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The same durable work, 100 puts of 100-byte values made durable together, score per put:
 * through Keepsake's {@link PersistenceManager} (100 {@code save}s, then {@code flush()}, waited
 * for) on each JVM backend, next to raw SQLite (WAL, synchronous=FULL, 100 puts per
 * transaction) and H2 MVStore ({@code commit()} + {@code sync()} per 100 puts). The
 * {@code fsync-floor} row is one 100-byte in-place write plus {@code force(true)} per
 * "put", on the same disk in the same run: the price of one fsync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class DurableWriteComparison {

    private static final int KEYS = 1000;
    private static final int BATCH = 100;
    private static final int VALUE_BYTES = 100;

    @Param({"keepsake-fs", "keepsake-sqlite", "keepsake-postgres", "raw-sqlite", "h2-mvstore", "fsync-floor"})
    public String store;

    private Path dir;
    private String[] keys;
    private int next;
    private long stamp;

    private ThreadScheduler scheduler;
    private CountingBackend backend;
    private PersistenceManager<byte[]> manager;
    private Connection sqlite;
    private PreparedStatement sqlitePut;
    private MVStore mvStore;
    private MVMap<String, byte[]> mvMap;
    private FileChannel floor;

    @Setup
    public void open() throws Exception {
        dir = Stores.newDir();
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
        }
        switch (store) {
            case "keepsake-fs", "keepsake-sqlite", "keepsake-postgres" -> {
                scheduler = ThreadScheduler.create();
                backend = new CountingBackend(Stores.open(store.substring("keepsake-".length()), dir));
                manager = PersistenceManager.builder(backend, Serializers.binary(Codecs.bytes()), scheduler).build();
            }
            case "raw-sqlite" -> {
                sqlite = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
                try (Statement st = sqlite.createStatement()) {
                    st.execute("PRAGMA journal_mode = WAL");
                    st.execute("PRAGMA synchronous = FULL");
                    st.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
                }
                sqlite.setAutoCommit(false);
                sqlitePut = sqlite.prepareStatement("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)");
            }
            case "h2-mvstore" -> {
                mvStore = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).autoCommitDisabled()
                        .open();
                mvMap = mvStore.openMap("kv");
            }
            case "fsync-floor" -> floor = FileChannel.open(dir.resolve("floor"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            default -> throw new IllegalArgumentException(store);
        }
        for (int i = 0; i < KEYS / BATCH; i++) {
            putBatchOf100();
        }
    }

    @TearDown
    public void close() throws Exception {
        if (manager != null) {
            JvmAsync.toFuture(manager.close()).join();
            backend.close();
            scheduler.close();
            System.out.printf("%n[%s] backend write calls %d, entries %d%n", store, backend.writeCalls.get(),
                    backend.entries.get());
            if (store.equals("keepsake-postgres")) {
                Stores.dropPgTable();
            }
        }
        if (sqlite != null) {
            sqlite.close();
        }
        if (mvStore != null) {
            mvStore.close();
        }
        if (floor != null) {
            floor.close();
        }
        Stores.delete(dir);
    }

    private byte[] value() {
        // A new value each time: engines may skip rewriting unchanged bytes.
        byte[] v = new byte[VALUE_BYTES];
        ByteBuffer.wrap(v).putLong(0, ++stamp);
        return v;
    }

    /** 100 puts made durable together; the score is per put. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void putBatchOf100() throws Exception {
        int from = next;
        next = (next + BATCH) % KEYS;
        switch (store) {
            case "raw-sqlite" -> {
                for (int i = from; i < from + BATCH; i++) {
                    sqlitePut.setString(1, keys[i]);
                    sqlitePut.setBytes(2, value());
                    sqlitePut.executeUpdate();
                }
                sqlite.commit();
            }
            case "h2-mvstore" -> {
                for (int i = from; i < from + BATCH; i++) {
                    mvMap.put(keys[i], value());
                }
                mvStore.commit();
                mvStore.sync();
            }
            case "fsync-floor" -> {
                // One fsync per "put": the floor of writing each put durably on its own.
                for (int i = 0; i < BATCH; i++) {
                    floor.write(ByteBuffer.wrap(value()), 0);
                    floor.force(true);
                }
            }
            default -> {
                for (int i = from; i < from + BATCH; i++) {
                    manager.save(keys[i], value());
                }
                JvmAsync.toFuture(manager.flush()).join();
            }
        }
    }
}
