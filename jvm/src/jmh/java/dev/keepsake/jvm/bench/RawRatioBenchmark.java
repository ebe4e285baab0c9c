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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Keepsake on the JVM against the same work done without it, measured so that machine load
 * cancels out: every invocation (one round) does each of the following in turn, the order
 * rotating from round to round, and the per-way medians and their ratios are printed at the end.
 *
 * <ul>
 *   <li><b>hot reads</b>, 100 point reads of 100-byte values (random keys of 1000), each waited
 *       for: raw sqlite-jdbc ({@code SELECT v FROM kv WHERE k = ?} on a WAL database);
 *       {@link SqliteBackend#load}; {@link PersistenceManager#load} over SQLite with the cache
 *       off, so it reads the database, checks the envelope and decodes every time;
 *       {@code Files.readAllBytes} of a file per key; a copy of those files read with the checks the
 *       file backend makes against hostile files ({@code checked-file}: {@code lstat} without
 *       following links, then a read-write open, so that a FIFO swapped in cannot block it); and
 *       {@link FileSystemBackend#load};</li>
 *   <li><b>reads after reopening</b>: every store closed and reopened (not timed), then the same
 *       100 reads each;</li>
 *   <li><b>durable writes in batches of 100</b> of new 100-byte values: raw SQLite (WAL,
 *       {@code synchronous=FULL}, 100 {@code INSERT OR REPLACE} in one transaction),
 *       {@link SqliteBackend#write} (one batch of 100 puts) and the manager over SQLite
 *       (100 {@code save}s, then {@code flush()} waited for).</li>
 * </ul>
 * Each SQLite database the reads use is written by its own way in every round, so that the next
 * round's hot reads find the same state in each: a connection reading a WAL database whose WAL
 * holds no frame since it opened asks the file's size ({@code fstat}) at every read transaction,
 * one that wrote does not.
 * No two ways read the same files or database: a way that read the files the way before it had just
 * read would find their kernel structures in the CPU's caches and measure up to twice as fast.
 * The ratio is Keepsake's throughput over the raw one (raw median time / Keepsake median time).
 * Warm-up rounds are left out of the medians.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 20)
@Measurement(iterations = 200)
public class RawRatioBenchmark {

    private static final int KEYS = 1000;
    private static final int VALUE_BYTES = 100;
    private static final int N = 100;
    private static final List<String> READERS =
            List.of("raw-sqlite", "keepsake-sqlite", "manager-sqlite", "raw-file", "checked-file", "keepsake-fs");

    private Path dir;
    private String[] keys;
    private String[] writeKeys;
    private Path[] files;
    private Path[] checkedFiles;
    private final SplittableRandom random = new SplittableRandom(7);
    private final Map<String, List<Long>> nanos = new LinkedHashMap<>();
    private int round;
    private boolean measuring;
    private int nextWrite;
    private long stamp;

    private Connection raw;
    private PreparedStatement rawGet;
    private PreparedStatement rawPut;
    private SqliteBackend sqlite;
    private FileSystemBackend fs;
    private StorageBackend managerBackend;
    private ThreadScheduler scheduler;
    private PersistenceManager<byte[]> manager;

    @Setup
    public void create() throws Exception {
        dir = Stores.newDir();
        keys = new String[KEYS];
        writeKeys = new String[KEYS];
        files = new Path[KEYS];
        checkedFiles = new Path[KEYS];
        byte[][] values = new byte[KEYS][VALUE_BYTES];
        SplittableRandom r = new SplittableRandom(42);
        Path rawFiles = Files.createDirectories(dir.resolve("raw-files"));
        Path rawCheckedFiles = Files.createDirectories(dir.resolve("checked-files"));
        WriteBatch.Builder batch = WriteBatch.builder();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
            writeKeys[i] = "bench/write-" + i;
            for (int j = 0; j < VALUE_BYTES; j++) {
                values[i][j] = (byte) r.nextInt();
            }
            files[i] = Files.write(rawFiles.resolve("key-" + i), values[i]);
            checkedFiles[i] = Files.write(rawCheckedFiles.resolve("key-" + i), values[i]);
            batch.put(keys[i], values[i]);
        }
        try (Connection c = DriverManager.getConnection(rawUrl()); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
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
        openAll();
        JvmAsync.toFuture(sqlite.write(batch.build())).join();
        JvmAsync.toFuture(fs.write(batch.build())).join();
        for (int i = 0; i < KEYS; i++) {
            manager.save(keys[i], values[i]);
        }
        JvmAsync.toFuture(manager.flush()).join();
        for (String way : READERS) {
            nanos.put("hot " + way, new ArrayList<>());
        }
        for (String way : READERS) {
            nanos.put("reopened " + way, new ArrayList<>());
        }
        nanos.put("write raw-sqlite", new ArrayList<>());
        nanos.put("write keepsake-sqlite", new ArrayList<>());
        nanos.put("write manager-sqlite", new ArrayList<>());
    }

    @Setup(Level.Iteration)
    public void phase(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    private String rawUrl() {
        return "jdbc:sqlite:" + dir.resolve("raw.db");
    }

    private void openAll() throws Exception {
        raw = DriverManager.getConnection(rawUrl());
        try (Statement st = raw.createStatement()) {
            st.execute("PRAGMA synchronous = FULL");
        }
        rawGet = raw.prepareStatement("SELECT v FROM kv WHERE k = ?");
        rawPut = raw.prepareStatement("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)");
        sqlite = SqliteBackend.open(dir.resolve("keepsake.db"));
        fs = FileSystemBackend.open(dir.resolve("fs"));
        scheduler = ThreadScheduler.create();
        managerBackend = SqliteBackend.open(dir.resolve("manager.db"));
        manager = PersistenceManager.builder(managerBackend, Serializers.binary(Codecs.bytes()), scheduler)
                .config(PersistenceConfig.builder().cacheSize(0).build())
                .build();
    }

    private void closeAll() throws Exception {
        JvmAsync.toFuture(manager.close()).join();
        ((AutoCloseable) managerBackend).close();
        scheduler.close();
        fs.close();
        sqlite.close();
        raw.close();
    }

    @TearDown
    public void report() throws Exception {
        closeAll();
        Stores.delete(dir);
        Map<String, Double> median = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder("\nRawRatio (" + nanos.get("hot raw-sqlite").size()
                + " rounds; median [p25-p75] microseconds per read, or per put for writes):\n");
        for (Map.Entry<String, List<Long>> e : nanos.entrySet()) {
            long[] all = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            if (all.length == 0) {
                continue;
            }
            double m = all[all.length / 2] / 1000.0 / N;
            median.put(e.getKey(), m);
            sb.append(String.format("  %-26s %9.2f  [%.2f-%.2f]%n", e.getKey(), m,
                    all[all.length / 4] / 1000.0 / N, all[all.length * 3 / 4] / 1000.0 / N));
        }
        sb.append("Ratios (Keepsake throughput / raw throughput, of medians):\n");
        for (String phase : List.of("hot", "reopened")) {
            sb.append(String.format("  %-8s SqliteBackend %.2f, manager over SQLite %.2f, FileSystemBackend %.2f"
                    + " (against checked-file %.2f)%n", phase,
                    median.get(phase + " raw-sqlite") / median.get(phase + " keepsake-sqlite"),
                    median.get(phase + " raw-sqlite") / median.get(phase + " manager-sqlite"),
                    median.get(phase + " raw-file") / median.get(phase + " keepsake-fs"),
                    median.get(phase + " checked-file") / median.get(phase + " keepsake-fs")));
        }
        sb.append(String.format(
                "  checked-file / raw-file (the floor of the file backend's checks): hot %.2f, reopened %.2f%n",
                median.get("hot raw-file") / median.get("hot checked-file"),
                median.get("reopened raw-file") / median.get("reopened checked-file")));
        sb.append(String.format("  writes   batches of 100: SqliteBackend %.2f, manager over SQLite %.2f%n",
                median.get("write raw-sqlite") / median.get("write keepsake-sqlite"),
                median.get("write raw-sqlite") / median.get("write manager-sqlite")));
        System.out.println(sb);
    }

    /** One round: every way once, in an order that rotates from round to round. */
    @Benchmark
    public long oneRoundEachWay() throws Exception {
        long sink = 0;
        int[] picks = new int[N];
        for (int i = 0; i < N; i++) {
            picks[i] = random.nextInt(KEYS);
        }
        int offset = round++;
        for (int i = 0; i < READERS.size(); i++) {
            String way = READERS.get((i + offset) % READERS.size());
            sink += timedReads("hot " + way, way, picks);
        }
        closeAll();
        openAll();
        for (int i = 0; i < READERS.size(); i++) {
            String way = READERS.get((i + offset) % READERS.size());
            sink += timedReads("reopened " + way, way, picks);
        }
        int from = nextWrite;
        nextWrite = (nextWrite + N) % KEYS;
        for (int i = 0; i < 3; i++) {
            switch ((i + offset) % 3) {
                case 0 -> rawWrites(from);
                case 1 -> backendWrites(from);
                default -> managerWrites(from);
            }
        }
        return sink;
    }

    private long timedReads(String name, String way, int[] picks) throws Exception {
        long bytes = 0;
        long start = System.nanoTime();
        for (int pick : picks) {
            bytes += read(way, pick).length;
        }
        record(name, System.nanoTime() - start);
        return bytes;
    }

    private byte[] read(String way, int index) throws Exception {
        switch (way) {
            case "raw-sqlite" -> {
                rawGet.setString(1, keys[index]);
                try (ResultSet rs = rawGet.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
            case "keepsake-sqlite" -> {
                return JvmAsync.toFuture(sqlite.load(keys[index])).join();
            }
            case "manager-sqlite" -> {
                return JvmAsync.toFuture(manager.load(keys[index])).join().orElseThrow();
            }
            case "raw-file" -> {
                return Files.readAllBytes(files[index]);
            }
            case "checked-file" -> {
                BasicFileAttributes attributes = Files.readAttributes(checkedFiles[index], BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isRegularFile()) {
                    throw new IllegalStateException("not a regular file");
                }
                try (FileChannel channel = FileChannel.open(checkedFiles[index], StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
                    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                        // until full
                    }
                    return buffer.array();
                }
            }
            case "keepsake-fs" -> {
                return JvmAsync.toFuture(fs.load(keys[index])).join();
            }
            default -> throw new IllegalArgumentException(way);
        }
    }

    private byte[] newValue() {
        // A new value each time: SQLite skips rewriting unchanged bytes.
        byte[] v = new byte[VALUE_BYTES];
        ByteBuffer.wrap(v).putLong(0, ++stamp);
        return v;
    }

    private void rawWrites(int from) throws Exception {
        long start = System.nanoTime();
        raw.setAutoCommit(false);
        for (int i = from; i < from + N; i++) {
            rawPut.setString(1, writeKeys[i]);
            rawPut.setBytes(2, newValue());
            rawPut.executeUpdate();
        }
        raw.commit();
        raw.setAutoCommit(true);
        record("write raw-sqlite", System.nanoTime() - start);
    }

    private void backendWrites(int from) {
        long start = System.nanoTime();
        WriteBatch.Builder batch = WriteBatch.builder();
        for (int i = from; i < from + N; i++) {
            batch.put(writeKeys[i], newValue());
        }
        JvmAsync.toFuture(sqlite.write(batch.build())).join();
        record("write keepsake-sqlite", System.nanoTime() - start);
    }

    private void managerWrites(int from) {
        long start = System.nanoTime();
        for (int i = from; i < from + N; i++) {
            manager.save(writeKeys[i], newValue());
        }
        JvmAsync.toFuture(manager.flush()).join();
        record("write manager-sqlite", System.nanoTime() - start);
    }

    private void record(String name, long elapsed) {
        if (measuring) {
            nanos.get(name).add(elapsed);
        }
    }
}
