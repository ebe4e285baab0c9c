package dev.keepsake.jvm.sql;

import dev.keepsake.core.backend.WriteBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of the processes of {@link PostgresTwoProcessTest}: waits for {@code go} on stdin, then
 * writes {@code batches} batches to the shared table (its own keys, keys both writers use,
 * and deletes of its own keys), and prints {@code done}.
 *
 * <p>Arguments: {@code <url> <table> <writer name> <batches>}.
 */
public final class ConcurrentWriterChild {

    static final int OWN_KEYS = 25;
    static final int SHARED_KEYS = 10;

    private ConcurrentWriterChild() {
    }

    /** Returns batch {@code i} of writer {@code name}; the same on every call. */
    static WriteBatch batch(String name, int i) {
        WriteBatch.Builder b = WriteBatch.builder();
        for (int j = 0; j < 6; j++) {
            b.put(name + "/" + ((i * 7 + j) % OWN_KEYS), value(name, i));
        }
        for (int j = 0; j < 4; j++) {
            b.put("shared/" + ((i * 3 + j) % SHARED_KEYS), value(name, i));
        }
        if (i % 4 == 3) {
            b.delete(name + "/" + ((i * 11) % OWN_KEYS));
        }
        return b.build();
    }

    static byte[] value(String name, int i) {
        return (name + ":" + i).getBytes(StandardCharsets.UTF_8);
    }

    /** Returns what the table holds after writer {@code name} alone applied all its batches. */
    static Map<String, String> finalState(String name, int batches) {
        Map<String, String> state = new TreeMap<>();
        for (int i = 0; i < batches; i++) {
            for (WriteBatch.Entry e : batch(name, i).entries()) {
                if (e.isDelete()) {
                    state.remove(e.key());
                } else {
                    state.put(e.key(), new String(e.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return state;
    }

    public static void main(String[] args) throws Exception {
        try (PostgresBackend backend = PostgresBackend.builder(args[0]).table(args[1]).open()) {
            String name = args[2];
            int batches = Integer.parseInt(args[3]);
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                throw new IllegalStateException("expected go");
            }
            for (int i = 0; i < batches; i++) {
                SqlTestSupport.await(backend.write(batch(name, i)));
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
