package dev.keepsake.jvm.fs;

import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.jvm.JvmAsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Durable throughput of {@link FileSystemBackend} next to the raw cost of the two syncs every
 * durable put pays on the same disk: a file {@code fsync} and a rename plus directory
 * {@code fsync}. Values are 100 bytes; the directory is under {@code keepsake.bench.dir}
 * (default: {@code java.io.tmpdir}). Single-threaded, as one writer sees it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FileSystemBenchmark {

    private static final int KEYS = 100;
    private static final int VALUE_BYTES = 100;

    private Path root;
    private FileSystemBackend backend;
    private String[] keys;
    private byte[] value;
    private WriteBatch batch;
    private int next;

    private FileChannel floorFile;
    private ByteBuffer floorBytes;
    private Path renameA;
    private Path renameB;
    private boolean renamedToB;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path parent = Path.of(System.getProperty("keepsake.bench.dir", System.getProperty("java.io.tmpdir")));
        root = Files.createTempDirectory(parent, "keepsake-bench");
        backend = FileSystemBackend.open(root.resolve("store"));
        keys = new String[KEYS];
        value = new byte[VALUE_BYTES];
        for (int i = 0; i < VALUE_BYTES; i++) {
            value[i] = (byte) (i * 31);
        }
        WriteBatch.Builder builder = WriteBatch.builder();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
            builder.put(keys[i], value);
        }
        batch = builder.build();
        JvmAsync.toFuture(backend.write(batch)).join();

        Path floor = Files.createDirectories(root.resolve("floor"));
        floorFile = FileChannel.open(floor.resolve("fsync"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        floorBytes = ByteBuffer.wrap(value);
        renameA = Files.write(floor.resolve("a"), value);
        renameB = floor.resolve("b");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        backend.close();
        floorFile.close();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private String nextKey() {
        next = next + 1 == KEYS ? 0 : next + 1;
        return keys[next];
    }

    /** One durable put: temp file, fsync, rename, directory fsync; waits for the acknowledgement. */
    @Benchmark
    public void put() {
        JvmAsync.toFuture(backend.save(nextKey(), value)).join();
    }

    /** A batch of 100 durable puts sharing one directory fsync; the score is per put. */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void putInBatchOf100() {
        JvmAsync.toFuture(backend.write(batch)).join();
    }

    /** One load, including the record's CRC32C check. */
    @Benchmark
    public byte[] get() {
        return JvmAsync.toFuture(backend.load(nextKey())).join();
    }

    /** The floor of a durable write: 100 bytes written in place and {@code force(true)}. */
    @Benchmark
    public void floorWriteAndFsync() throws IOException {
        floorBytes.clear();
        floorFile.write(floorBytes, 0);
        floorFile.force(true);
    }

    /** The floor of making a new name durable: one rename and one directory {@code fsync}. */
    @Benchmark
    public void floorRenameAndDirectoryFsync() throws IOException {
        if (renamedToB) {
            Files.move(renameB, renameA, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(renameA, renameB, StandardCopyOption.ATOMIC_MOVE);
        }
        renamedToB = !renamedToB;
        try (FileChannel dir = FileChannel.open(renameA.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
