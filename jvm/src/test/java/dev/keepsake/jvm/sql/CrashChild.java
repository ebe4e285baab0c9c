package dev.keepsake.jvm.sql;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import java.nio.file.Path;
import java.util.Map;

/**
 * The process the crash tests kill: opens a backend, prints {@code ready}, then applies
 * {@link CrashWorkload} operations {@code first, first + 1, ...} one at a time, printing
 * {@code ack <id>} after each has completed, until it is killed.
 *
 * <p>Arguments: {@code sqlite <file> <first>} or {@code postgres <url> <table> <first>}.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        StorageBackend backend = args[0].equals("sqlite")
                ? SqliteBackend.open(Path.of(args[1]))
                : PostgresBackend.builder(args[1]).table(args[2]).open();
        long first = Long.parseLong(args[args.length - 1]);
        System.out.println("ready");
        System.out.flush();
        for (long id = first; ; id++) {
            Map<Integer, Boolean> effects = CrashWorkload.effects(id);
            Async<Void> done;
            if (effects.size() == 1) {
                Map.Entry<Integer, Boolean> e = effects.entrySet().iterator().next();
                String key = CrashWorkload.key(e.getKey());
                done = e.getValue() ? backend.save(key, CrashWorkload.value(id, e.getKey())) : backend.delete(key);
            } else {
                done = backend.write(CrashWorkload.batch(id));
            }
            SqlTestSupport.await(done);
            System.out.println("ack " + id);
            System.out.flush();
        }
    }
}
