package dev.keepsake.jvm.sql;

import dev.keepsake.core.backend.WriteBatch;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The deterministic workload of the crash tests: operation {@code id} always touches the same
 * keys with the same values, and every value names its key and operation and carries a CRC,
 * so the parent can tell, from the stored bytes alone, which operation wrote a value and
 * whether it is intact.
 *
 * <p>Value layout: operation id (8 bytes), key index (4), payload length (4), payload, CRC32
 * of everything before it (4).
 */
final class CrashWorkload {

    /** Number of distinct keys the workload touches. */
    static final int KEYS = 48;

    private CrashWorkload() {
    }

    /** Returns the key with index {@code index}; some contain U+0000 and non-ASCII text. */
    static String key(int index) {
        switch (index % 6) {
            case 0:
                return "crash/" + index + "\u0000nul";
            case 1:
                return "Crash/" + index + "/\u00e9t\u00e9";
            default:
                return "crash/" + index;
        }
    }

    /** Returns the index of {@code key}, or -1 when it is not a workload key. */
    static int indexOf(String key) {
        for (int i = 0; i < KEYS; i++) {
            if (key(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns what operation {@code id} does: key index to true for a put, false for a
     * delete, in application order. A single-entry map is written with save or delete.
     */
    static Map<Integer, Boolean> effects(long id) {
        SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 17);
        Map<Integer, Boolean> effects = new LinkedHashMap<>();
        int kind = r.nextInt(8);
        if (kind < 3) {
            effects.put(r.nextInt(KEYS), true);
        } else if (kind == 3) {
            effects.put(r.nextInt(KEYS), false);
        } else {
            int puts = 2 + r.nextInt(14);
            int deletes = r.nextInt(3);
            for (int i = 0; i < puts + deletes; i++) {
                effects.put(r.nextInt(KEYS), i < puts);
            }
        }
        return effects;
    }

    /** Returns the value operation {@code id} puts under key {@code index}. */
    static byte[] value(long id, int index) {
        SplittableRandom r = new SplittableRandom(id * 31 + index);
        int length = r.nextInt(20) == 0 ? 20_000 + r.nextInt(60_000) : r.nextInt(600);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 4 + length + 4);
        b.putLong(id).putInt(index).putInt(length);
        for (int i = 0; i < length; i++) {
            b.put((byte) r.nextInt());
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Returns the id of the operation that wrote {@code value} under key {@code index}.
     *
     * @throws AssertionError if the value is torn, damaged or belongs to another key
     */
    static long writer(byte[] value, int index) {
        if (value.length < 20) {
            throw new AssertionError("value of key " + index + " is too short: " + value.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        long id = b.getLong();
        int storedIndex = b.getInt();
        int length = b.getInt();
        if (length != value.length - 20) {
            throw new AssertionError("value of key " + index + " is torn: header says " + length
                    + " payload bytes, has " + (value.length - 20));
        }
        CRC32 crc = new CRC32();
        crc.update(value, 0, value.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(value, value.length - 4, 4).getInt()) {
            throw new AssertionError("value of key " + index + " fails its CRC (torn or damaged)");
        }
        if (storedIndex != index) {
            throw new AssertionError("key " + index + " holds the value of key " + storedIndex);
        }
        if (!java.util.Arrays.equals(value, value(id, index))) {
            throw new AssertionError("key " + index + " holds bytes operation " + id + " never wrote");
        }
        return id;
    }

    /** Returns operation {@code id} as a batch. */
    static WriteBatch batch(long id) {
        WriteBatch.Builder b = WriteBatch.builder();
        for (Map.Entry<Integer, Boolean> e : effects(id).entrySet()) {
            if (e.getValue()) {
                b.put(key(e.getKey()), value(id, e.getKey()));
            } else {
                b.delete(key(e.getKey()));
            }
        }
        return b.build();
    }
}
