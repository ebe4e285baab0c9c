package dev.keepsake.jvm.sql;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.error.NotFoundException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Kills a {@link CrashChild} with SIGKILL at random moments, again and again on the same
 * store, and after every kill checks, with a fresh backend, that every acknowledged write is
 * present and intact, that the one operation in flight was applied all or nothing, and that
 * no value is torn.
 *
 * <p>Model: per key, the last acknowledged operation that touched it (put or delete). The
 * child runs one operation at a time, so after a kill at most one unacknowledged operation
 * (the one after the last ack) may have been applied.
 */
final class CrashHarness {

    private final List<String> childArgs;
    private final Supplier<StorageBackend> opener;
    private final Runnable afterKill;
    private final Random random;
    private final long seed;
    private final long[] lastOp = new long[CrashWorkload.KEYS];
    private final boolean[] present = new boolean[CrashWorkload.KEYS];
    private final Path logs;
    private int inFlightApplied;
    private int acked;

    /**
     * @param childArgs the arguments for {@link CrashChild} before the first operation id
     * @param opener opens a backend on the same store, for checking
     * @param afterKill waits until the store has finished with the dead child (a database
     *     server may still be committing its last transaction)
     */
    CrashHarness(List<String> childArgs, Supplier<StorageBackend> opener, Runnable afterKill, long seed)
            throws IOException {
        this.childArgs = childArgs;
        this.opener = opener;
        this.afterKill = afterKill;
        this.seed = seed;
        this.random = new Random(seed);
        this.logs = Files.createTempDirectory("keepsake-crash-logs");
        java.util.Arrays.fill(lastOp, -1);
    }

    /** Returns how many writes the children acknowledged in total. */
    int acknowledged() {
        return acked;
    }

    /** Returns how often the in-flight operation turned out to be applied. */
    int inFlightApplied() {
        return inFlightApplied;
    }

    /**
     * Runs {@code kills} kill-and-check cycles; the delay before each kill is drawn up to
     * {@code maxDelayMillis} after the child is ready (sometimes before it is).
     */
    void run(int kills, int maxDelayMillis) throws Exception {
        for (int cycle = 1; cycle <= kills; cycle++) {
            long first = cycle * 1_000_000L;
            List<String> acks = killOnce(cycle, first, maxDelayMillis);
            afterKill.run();
            long last = first - 1;
            for (String line : acks) {
                long id = Long.parseLong(line.substring(4));
                if (id != last + 1) {
                    throw new AssertionError(where(cycle) + "acks out of order: " + acks);
                }
                apply(id);
                last = id;
                acked++;
            }
            check(cycle, last + 1);
        }
    }

    private List<String> killOnce(int cycle, long first, int maxDelayMillis) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName()));
        command.addAll(childArgs);
        command.add(Long.toString(first));
        File stderr = logs.resolve("child-" + cycle + ".err").toFile();
        // Output goes to a file, not a pipe: what the child wrote before it died is then
        // certainly readable afterwards.
        File stdout = logs.resolve("child-" + cycle + ".out").toFile();
        Process process = new ProcessBuilder(command)
                .redirectError(stderr)
                .redirectOutput(stdout)
                .start();
        if (random.nextInt(8) == 0) {
            // Kill during start-up and opening, which includes SQLite's WAL recovery.
            Thread.sleep(random.nextInt(400));
        } else {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(stdout.toPath()).startsWith("ready")) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(where(cycle) + "child never became ready: "
                            + Files.readString(stderr.toPath()));
                }
                Thread.sleep(2);
            }
            Thread.sleep(random.nextInt(maxDelayMillis + 1));
        }
        if (!process.isAlive()) {
            throw new AssertionError(where(cycle) + "child died by itself with exit code " + process.exitValue()
                    + ": " + Files.readString(stderr.toPath()));
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(where(cycle) + "child survived SIGKILL");
        }
        List<String> acks = new ArrayList<>();
        for (String line : Files.readAllLines(stdout.toPath(), StandardCharsets.UTF_8)) {
            if (line.startsWith("ack ")) {
                acks.add(line);
            }
        }
        stderr.delete();
        stdout.delete();
        return acks;
    }

    private void apply(long id) {
        for (Map.Entry<Integer, Boolean> e : CrashWorkload.effects(id).entrySet()) {
            lastOp[e.getKey()] = id;
            present[e.getKey()] = e.getValue();
        }
    }

    private void check(int cycle, long inFlight) {
        Map<Integer, Boolean> flight = CrashWorkload.effects(inFlight);
        StorageBackend backend = opener.get();
        try {
            boolean[] isPresent = new boolean[CrashWorkload.KEYS];
            long[] writer = new long[CrashWorkload.KEYS];
            Set<String> listed = new HashSet<>(SqlTestSupport.await(backend.listKeys()));
            for (int i = 0; i < CrashWorkload.KEYS; i++) {
                String key = CrashWorkload.key(i);
                try {
                    byte[] value = SqlTestSupport.await(backend.load(key));
                    isPresent[i] = true;
                    writer[i] = CrashWorkload.writer(value, i);
                } catch (NotFoundException e) {
                    isPresent[i] = false;
                }
                if (listed.remove(key) != isPresent[i]) {
                    throw new AssertionError(where(cycle) + "listKeys disagrees with load about key " + i);
                }
            }
            if (!listed.isEmpty()) {
                throw new AssertionError(where(cycle) + "unexpected keys listed: " + listed);
            }
            // Keys the in-flight operation did not touch must be exactly as acknowledged.
            for (int i = 0; i < CrashWorkload.KEYS; i++) {
                if (!flight.containsKey(i)) {
                    requireState(cycle, i, isPresent[i], writer[i], present[i], lastOp[i], "acknowledged");
                }
            }
            // The in-flight operation: all of it or none of it.
            boolean all = true;
            boolean none = true;
            for (Map.Entry<Integer, Boolean> e : flight.entrySet()) {
                int i = e.getKey();
                boolean asFlight = isPresent[i] == e.getValue() && (!isPresent[i] || writer[i] == inFlight);
                boolean asBefore = isPresent[i] == present[i] && (!isPresent[i] || writer[i] == lastOp[i]);
                all &= asFlight;
                none &= asBefore;
            }
            if (!all && !none) {
                throw new AssertionError(where(cycle) + "operation " + inFlight + " " + flight
                        + " was applied in part (torn batch)");
            }
            if (all && !none) {
                inFlightApplied++;
                apply(inFlight);
            }
        } finally {
            if (backend instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) backend).close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private void requireState(int cycle, int i, boolean isPresent, long writer, boolean expectPresent, long expectOp,
            String what) {
        if (isPresent != expectPresent || (isPresent && writer != expectOp)) {
            throw new AssertionError(where(cycle) + "key " + i + " should be "
                    + (expectPresent ? "the value of operation " + expectOp : "absent") + " (" + what + ") but is "
                    + (isPresent ? "the value of operation " + writer : "absent"));
        }
    }

    private String where(int cycle) {
        return "[seed " + seed + ", kill " + cycle + "] ";
    }
}
