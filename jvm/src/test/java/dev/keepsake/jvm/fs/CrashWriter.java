package dev.keepsake.jvm.fs;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.jvm.JvmAsync;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The child process of {@link FileSystemCrashTest}: writes to a {@link FileSystemBackend} as
 * fast as it can until it is killed, announcing each operation before it starts
 * ({@code W <id> <key>=p|d ...}) and again once its {@code Async} completed ({@code A <id>}).
 * One operation at a time, so at most one is in flight when the kill lands.
 *
 * <p>Usage: {@code CrashWriter <dir> <seed> <first id> <log file> [<operations>]}; without a count
 * it runs until killed. The operation log goes to the log file, {@code READY} to stdout.
 */
public final class CrashWriter {

    /** The keys written: plain, case variants, a traversal attempt, two hashed long keys. */
    static final List<String> KEYS = keys();

    private CrashWriter() {
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            keys.add("k" + i);
        }
        keys.add("Key");
        keys.add("key");
        keys.add("../up");
        keys.add("CON");
        keys.add("\u00e9t\u00e9");
        keys.add("x".repeat(300) + "a");
        keys.add("x".repeat(300) + "b");
        return List.copyOf(keys);
    }

    /** Returns the value operation {@code id} writes under {@code key}; mostly small, sometimes large. */
    static byte[] value(String key, long id) {
        long h = key.hashCode() * 0x9E3779B97F4A7C15L + id * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        int kind = (int) ((h >>> 8) & 15);
        int length = kind == 0 ? 64 * 1024 + (int) ((h >>> 12) & 0xffff) : (int) ((h >>> 12) & 4095);
        byte[] value = new byte[length];
        long x = h | 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            value[i] = (byte) x;
        }
        return value;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        long id = Long.parseLong(args[2]);
        // The log is a file, not the stdout pipe: bytes written to a file are in the page cache as
        // soon as write() returns and survive SIGKILL, with no pipe-draining race in the parent.
        OutputStream out = new FileOutputStream(args[3], true);
        long count = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;
        warmUp(dir.resolveSibling(dir.getFileName() + "-warmup"));
        FileSystemBackend backend = FileSystemBackend.open(dir);
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        println(stdout, "READY");
        for (long n = 0; n < count; n++, id++) {
            WriteBatch.Builder batch = WriteBatch.builder();
            StringBuilder line = new StringBuilder("W ").append(id);
            int roll = random.nextInt(10);
            Set<String> keys = new LinkedHashSet<>();
            int size = roll < 7 ? 1 : 2 + random.nextInt(15);
            while (keys.size() < size) {
                keys.add(KEYS.get(random.nextInt(KEYS.size())));
            }
            for (String key : keys) {
                boolean delete = random.nextInt(8) == 0;
                if (delete) {
                    batch.delete(key);
                } else {
                    batch.put(key, value(key, id));
                }
                line.append(' ').append(KEYS.indexOf(key)).append(delete ? "=d" : "=p");
            }
            println(out, line.toString());
            Async<Void> done = roll < 6 && size == 1 && !batch.build().entries().get(0).isDelete()
                    ? backend.save(keys.iterator().next(), value(keys.iterator().next(), id))
                    : backend.write(batch.build());
            JvmAsync.toFuture(done).get();
            println(out, "A " + id);
        }
        backend.close();
    }

    /**
     * Loads the write path's classes on a scratch directory, without syncs, so that the kills
     * land on writes running at disk speed rather than on class loading.
     */
    private static void warmUp(Path scratch) throws Exception {
        Disk unsynced = new Disk() {
            @Override
            void writeDurably(Path file, ByteBuffer[] data) throws IOException {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    channel.write(data);
                }
            }

            @Override
            void syncDirectory(Path dir) {
            }
        };
        try (FileSystemBackend backend = FileSystemBackend.open(scratch, Runnable::run, null, unsynced)) {
            for (int i = 0; i < 5; i++) {
                String key = KEYS.get(KEYS.size() - 1 - i);
                JvmAsync.toFuture(backend.save(key, value(key, i))).get();
                JvmAsync.toFuture(backend.write(WriteBatch.builder().put("b" + i, new byte[i]).delete(key).build()))
                        .get();
                JvmAsync.toFuture(backend.load("b" + i)).get();
            }
            JvmAsync.toFuture(backend.clear()).get();
        }
    }

    private static void println(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
