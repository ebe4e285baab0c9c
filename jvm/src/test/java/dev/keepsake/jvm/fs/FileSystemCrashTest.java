package dev.keepsake.jvm.fs;

import static dev.keepsake.jvm.fs.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keepsake.core.error.NotFoundException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at random moments, over and over, and checks after each
 * kill that every acknowledged write survived whole: each key holds its last acknowledged value
 * or the value of the one operation that was in flight, never a torn or stale one, and no
 * temporary file is listed or left after reopening.
 *
 * <p>The child ({@link CrashWriter}) is a fresh JVM per kill, on the test classpath, tuned to
 * start fast. {@code -Dkeepsake.crash.kills=N} sets the number of kills (default 200) and
 * {@code -Dkeepsake.crash.seed=S} replays a run. A process kill leaves the page cache intact,
 * so this checks atomicity and ordering of the protocol, not power-loss durability, which
 * rests on {@code fsync} of the file and of the directory.
 */
class FileSystemCrashTest {

    private static final int KILLS = Integer.getInteger("keepsake.crash.kills", 200);
    private static final long SEED = Long.getLong("keepsake.crash.seed", System.nanoTime());
    /** Upper bound of the random delay between the child's READY and the kill. */
    private static final int MAX_DELAY_MILLIS = 80;

    @TempDir
    Path root;

    /** What the parent knows of the directory: key to the id of the operation whose value it holds. */
    private final Map<String, Long> model = new HashMap<>();

    private int killsWithAnOperationInFlight;
    private int killsLeavingTemporaryFiles;
    private long acknowledged;

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        Path dir = root.resolve("store");
        Random random = new Random(SEED);
        for (int kill = 0; kill < KILLS; kill++) {
            List<String> lines = runAndKill(dir, random.nextLong(), (long) kill * 100_000_000L,
                    random.nextInt(MAX_DELAY_MILLIS + 1));
            if (hasTemporaryFiles(dir)) {
                killsLeavingTemporaryFiles++;
            }
            verify(dir, lines, kill);
        }
        System.out.printf("crash test: seed %d, %d kills, %d acknowledged operations, %d kills with an"
                + " operation in flight, %d leaving temporary files%n", SEED, KILLS, acknowledged,
                killsWithAnOperationInFlight, killsLeavingTemporaryFiles);
        // How much the child writes per kill depends on the machine's load; that it wrote at all,
        // and was killed mid-operation at least once, shows the harness works.
        assertTrue(acknowledged > 0, "the child never completed a write");
        assertTrue(killsWithAnOperationInFlight > 0, "no kill ever landed during a write");
    }

    private List<String> childCommand(Path dir, long seed, long firstId, Path log, String jvmOption, String count) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m", "-Xss512k"));
        if (jvmOption != null) {
            command.add(jvmOption);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                dir.toString(), Long.toString(seed), Long.toString(firstId), log.toString()));
        if (count != null) {
            command.add(count);
        }
        return command;
    }

    private List<String> runAndKill(Path dir, long seed, long firstId, int delayMillis) throws Exception {
        Path log = root.resolve("child-" + firstId + ".log");
        ProcessBuilder builder = new ProcessBuilder(childCommand(dir, seed, firstId, log,
                "-Xshare:auto", null));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String first;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            first = in.readLine();
            if (!"READY".equals(first)) {
                process.destroyForcibly();
                fail("child did not start: " + first);
            }
            Thread.sleep(delayMillis);
            process.destroyForcibly();
            process.waitFor();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return lines;
    }

    private void verify(Path dir, List<String> lines, int kill) throws IOException {
        // Apply acknowledged operations to the model; remember the one left in flight.
        Map<Long, Map<String, Boolean>> started = new HashMap<>();
        long lastStarted = -1;
        boolean inFlight = false;
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts[0].equals("W")) {
                long id = Long.parseLong(parts[1]);
                Map<String, Boolean> effects = new HashMap<>();
                for (int i = 2; i < parts.length; i++) {
                    String[] kv = parts[i].split("=");
                    effects.put(CrashWriter.KEYS.get(Integer.parseInt(kv[0])), kv[1].equals("p"));
                }
                started.put(id, effects);
                lastStarted = id;
                inFlight = true;
            } else if (parts[0].equals("A")) {
                long id = Long.parseLong(parts[1]);
                started.get(id).forEach((key, put) -> {
                    if (put) {
                        model.put(key, id);
                    } else {
                        model.remove(key);
                    }
                });
                acknowledged++;
                inFlight = false;
            } else if (!parts[0].equals("READY")) {
                fail("unexpected line from the child: " + line);
            }
        }
        Map<String, Boolean> pending = inFlight ? started.get(lastStarted) : Map.of();
        if (inFlight) {
            killsWithAnOperationInFlight++;
        }

        try (FileSystemBackend backend = FileSystemBackend.open(dir, Runnable::run)) {
            assertTrue(!hasTemporaryFiles(dir), "temporary files survived the reopen");
            Set<String> present = new HashSet<>();
            for (String key : CrashWriter.KEYS) {
                Long actual = identify(backend, key, pending.containsKey(key) ? lastStarted : null);
                Long expected = model.get(key);
                boolean allowed = java.util.Objects.equals(actual, expected);
                if (!allowed && pending.containsKey(key)) {
                    allowed = pending.get(key) ? Long.valueOf(lastStarted).equals(actual) : actual == null;
                }
                if (!allowed) {
                    fail("kill " + kill + " (seed " + SEED + "): key " + key + " holds operation " + actual
                            + " but the last acknowledged was " + expected
                            + (pending.containsKey(key) ? " and " + lastStarted + " was in flight" : "")
                            + "; child said " + lines + "; files " + listing(dir));
                }
                if (actual == null) {
                    model.remove(key);
                } else {
                    model.put(key, actual);
                    present.add(key);
                }
            }
            assertEquals(present, new HashSet<>(await(backend.listKeys())), "listKeys after kill " + kill);
        }
    }

    /**
     * Returns the id of the operation whose value {@code key} holds: the model's or the in-flight
     * one, compared byte for byte, so a torn or stale value fails here.
     */
    private Long identify(FileSystemBackend backend, String key, Long inFlightId) {
        byte[] stored;
        try {
            stored = await(backend.load(key));
        } catch (NotFoundException e) {
            return null;
        }
        Long known = model.get(key);
        if (known != null && java.util.Arrays.equals(stored, CrashWriter.value(key, known))) {
            return known;
        }
        if (inFlightId != null) {
            assertArrayEquals(CrashWriter.value(key, inFlightId), stored,
                    "key " + key + " holds neither its acknowledged value nor the one in flight");
            return inFlightId;
        }
        fail("key " + key + " holds a value no acknowledged or in-flight operation wrote");
        return null;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName() + ":" + p.toFile().length()).sorted().toList();
        }
    }

    private static boolean hasTemporaryFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> FileNames.isTemp(p.getFileName().toString()));
        }
    }
}
