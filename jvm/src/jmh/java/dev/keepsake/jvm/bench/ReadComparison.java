package dev.keepsake.jvm.bench;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.jvm.JvmAsync;
import dev.keepsake.jvm.ThreadScheduler;
import dev.keepsake.jvm.fs.FileSystemBackend;
import dev.keepsake.jvm.sql.SqliteBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Point reads of 100-byte values, one at a time and waited for, through Keepsake next to the
 * same read done without it, in one JVM:
 *
 * <ul>
 *   <li>{@code raw-sqlite}: plain sqlite-jdbc on a WAL database, one prepared
 *       {@code SELECT v FROM kv WHERE k = ?};</li>
 *   <li>{@code keepsake-sqlite}: {@link SqliteBackend#load} (default settings);</li>
 *   <li>{@code manager-sqlite}: {@link PersistenceManager#load} over {@link SqliteBackend} with
 *       the cache off ({@code cacheSize(0)}), so every load reads the database, opens the
 *       checked envelope and decodes;</li>
 *   <li>{@code raw-file}: {@code Files.readAllBytes} of a file holding the value;</li>
 *   <li>{@code keepsake-fs}: {@link FileSystemBackend#load} (record and CRC32C checked).</li>
 * </ul>
 *
 * <p>{@link #get} reads a random one of 1000 keys from a store opened once (hot).
 * {@link #getAfterReopen} closes and reopens the store before each invocation (outside the
 * timing), then reads 100 keys; the score is per read. The raw file target has nothing to
 * reopen: each of its reads opens the file anyway.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ReadComparison {

    private static final int KEYS = 1000;
    private static final int VALUE_BYTES = 100;
    private static final int READS_AFTER_REOPEN = 100;

    @Param({"raw-sqlite", "keepsake-sqlite", "manager-sqlite", "raw-file", "keepsake-fs"})
    public String target;

    private Path dir;
    private String[] keys;
    private SplittableRandom random;
    private int next;

    private Connection sqlite;
    private PreparedStatement sqliteGet;
    private StorageBackend backend;
    private ThreadScheduler scheduler;
    private PersistenceManager<byte[]> manager;
    private Path[] files;

    @Setup(Level.Trial)
    public void create() throws Exception {
        dir = Stores.newDir();
        keys = new String[KEYS];
        byte[][] values = new byte[KEYS][VALUE_BYTES];
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
            for (int j = 0; j < VALUE_BYTES; j++) {
                values[i][j] = (byte) r.nextInt();
            }
        }
        random = new SplittableRandom(7);
        switch (target) {
            case "raw-sqlite" -> {
                try (Connection c = DriverManager.getConnection(rawUrl()); Statement st = c.createStatement()) {
                    st.execute("PRAGMA journal_mode = WAL");
                    st.execute("PRAGMA synchronous = FULL");
                    st.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
                    c.setAutoCommit(false);
                    try (PreparedStatement put = c.prepareStatement("INSERT INTO kv (k, v) VALUES (?, ?)")) {
                        for (int i = 0; i < KEYS; i++) {
                            put.setString(1, keys[i]);
                            put.setBytes(2, values[i]);
                            put.executeUpdate();
                        }
                    }
                    c.commit();
                }
            }
            case "keepsake-sqlite", "keepsake-fs" -> {
                StorageBackend b = Stores.open(target.substring("keepsake-".length()), dir);
                WriteBatch.Builder batch = WriteBatch.builder();
                for (int i = 0; i < KEYS; i++) {
                    batch.put(keys[i], values[i]);
                }
                JvmAsync.toFuture(b.write(batch.build())).join();
                ((AutoCloseable) b).close();
            }
            case "manager-sqlite" -> {
                openManager();
                for (int i = 0; i < KEYS; i++) {
                    manager.save(keys[i], values[i]);
                }
                JvmAsync.toFuture(manager.flush()).join();
                closeStore();
            }
            case "raw-file" -> {
                Path raw = Files.createDirectories(dir.resolve("raw"));
                files = new Path[KEYS];
                for (int i = 0; i < KEYS; i++) {
                    files[i] = Files.write(raw.resolve("key-" + i), values[i]);
                }
            }
            default -> throw new IllegalArgumentException(target);
        }
        openStore();
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
        closeStore();
        Stores.delete(dir);
    }

    /** Closes and reopens the store before each invocation of {@link #getAfterReopen}. */
    @State(Scope.Thread)
    public static class Reopened {
        @Setup(Level.Invocation)
        public void reopen(ReadComparison bench) throws Exception {
            bench.closeStore();
            bench.openStore();
        }
    }

    /** One read of a random key from a store that stays open. */
    @Benchmark
    public byte[] get() throws Exception {
        return read(random.nextInt(KEYS));
    }

    /** 100 reads right after the store was reopened; the score is per read. */
    @Benchmark
    @OperationsPerInvocation(READS_AFTER_REOPEN)
    public int getAfterReopen(Reopened reopened) throws Exception {
        int bytes = 0;
        for (int i = 0; i < READS_AFTER_REOPEN; i++) {
            next = next + 1 == KEYS ? 0 : next + 1;
            bytes += read(next).length;
        }
        return bytes;
    }

    private byte[] read(int index) throws Exception {
        String key = keys[index];
        switch (target) {
            case "raw-sqlite" -> {
                sqliteGet.setString(1, key);
                try (ResultSet rs = sqliteGet.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
            case "raw-file" -> {
                return Files.readAllBytes(files[index]);
            }
            case "manager-sqlite" -> {
                return JvmAsync.toFuture(manager.load(key)).join().orElseThrow();
            }
            default -> {
                return JvmAsync.toFuture(backend.load(key)).join();
            }
        }
    }

    private String rawUrl() {
        return "jdbc:sqlite:" + dir.resolve("raw.db");
    }

    private void openManager() {
        scheduler = ThreadScheduler.create();
        backend = Stores.open("sqlite", dir);
        manager = PersistenceManager.builder(backend, Serializers.binary(Codecs.bytes()), scheduler)
                .config(PersistenceConfig.builder().cacheSize(0).build())
                .build();
    }

    void openStore() throws Exception {
        switch (target) {
            case "raw-sqlite" -> {
                sqlite = DriverManager.getConnection(rawUrl());
                sqliteGet = sqlite.prepareStatement("SELECT v FROM kv WHERE k = ?");
            }
            case "keepsake-sqlite", "keepsake-fs" -> backend = Stores.open(target.substring("keepsake-".length()), dir);
            case "manager-sqlite" -> openManager();
            default -> {
                // raw-file: nothing stays open.
            }
        }
    }

    void closeStore() throws Exception {
        if (manager != null) {
            JvmAsync.toFuture(manager.close()).join();
            manager = null;
            scheduler.close();
        }
        if (backend != null) {
            ((AutoCloseable) backend).close();
            backend = null;
        }
        if (sqlite != null) {
            sqlite.close();
            sqlite = null;
        }
    }
}
