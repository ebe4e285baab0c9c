package dev.keepsake.jvm.fs;

import dev.keepsake.core.error.CorruptedDataException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes of one data file: a self-describing record holding the key and the value, checked
 * by a CRC32C over everything before it. The layout (all integers big-endian) is drawn in
 * {@link FileSystemBackend}'s class documentation; this class is its only reader and writer.
 */
final class FileRecord {

    /** {@code "KSFS"}: Keepsake file-system record. */
    static final int MAGIC = 0x4B534653;
    static final byte VERSION = 1;
    /** Bytes of the record around the key and value: magic, version, two lengths, CRC. */
    static final int OVERHEAD = 4 + 1 + 4 + 4 + 4;
    private static final int KEY_OFFSET = 4 + 1 + 4;

    private FileRecord() {
    }

    /**
     * Returns the record for {@code key} and {@code value} as buffers to write in order; the
     * value is not copied.
     */
    static ByteBuffer[] encode(String key, byte[] value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(KEY_OFFSET + keyBytes.length + 4);
        head.putInt(MAGIC).put(VERSION).putInt(keyBytes.length).put(keyBytes).putInt(value.length);
        head.flip();
        CRC32C crc = new CRC32C();
        crc.update(head.duplicate());
        crc.update(value, 0, value.length);
        ByteBuffer tail = ByteBuffer.allocate(4).putInt((int) crc.getValue());
        tail.flip();
        return new ByteBuffer[] {head, ByteBuffer.wrap(value), tail};
    }

    /**
     * Returns the value in {@code record} after checking every field and that it holds
     * {@code key}.
     *
     * @throws CorruptedDataException if the record is truncated, too long, foreign, of an
     *     unknown version, fails its CRC, or holds another key
     */
    static byte[] decode(String backend, String key, byte[] record) {
        String problem = check(record);
        if (problem != null) {
            throw new CorruptedDataException(backend, key, problem, null);
        }
        String stored = storedKey(record);
        if (!stored.equals(key)) {
            throw new CorruptedDataException(backend, key,
                    "file holds a different key (" + stored.length() + " chars)", null);
        }
        int keyLength = ByteBuffer.wrap(record).getInt(5);
        int valueOffset = KEY_OFFSET + keyLength + 4;
        int valueLength = ByteBuffer.wrap(record).getInt(valueOffset - 4);
        byte[] value = new byte[valueLength];
        System.arraycopy(record, valueOffset, value, 0, valueLength);
        return value;
    }

    /**
     * Returns the key in the header at the start of a file, or null if {@code prefix} does not
     * begin a record of ours; {@code fileSize} bounds the key length. The CRC is not checked.
     */
    static String keyInHeader(byte[] prefix, long fileSize) {
        if (prefix.length < KEY_OFFSET) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(prefix);
        if (b.getInt(0) != MAGIC || b.get(4) != VERSION) {
            return null;
        }
        int keyLength = b.getInt(5);
        if (keyLength <= 0 || keyLength > fileSize - OVERHEAD || KEY_OFFSET + keyLength > prefix.length) {
            return null;
        }
        return new String(prefix, KEY_OFFSET, keyLength, StandardCharsets.UTF_8);
    }

    /** Returns how many leading bytes of a file hold the header of a key of {@code keyBytes}. */
    static int headerLength(int keyBytes) {
        return KEY_OFFSET + keyBytes;
    }

    /** Returns what is wrong with {@code record}, or null if it is a well-formed record. */
    private static String check(byte[] record) {
        if (record.length < OVERHEAD) {
            return "file is too short for a record (" + record.length + " bytes)";
        }
        ByteBuffer b = ByteBuffer.wrap(record);
        if (b.getInt(0) != MAGIC) {
            return "file is not a Keepsake record (bad magic)";
        }
        if (b.get(4) != VERSION) {
            return "unknown record version " + (b.get(4) & 0xff);
        }
        int keyLength = b.getInt(5);
        if (keyLength <= 0 || keyLength > record.length - OVERHEAD) {
            return "bad key length " + keyLength + " in a file of " + record.length + " bytes";
        }
        int valueLength = b.getInt(KEY_OFFSET + keyLength);
        long expected = (long) OVERHEAD + keyLength + valueLength;
        if (valueLength < 0 || expected != record.length) {
            return "record declares " + expected + " bytes but the file has " + record.length
                    + " (truncated or extended)";
        }
        CRC32C crc = new CRC32C();
        crc.update(record, 0, record.length - 4);
        if ((int) crc.getValue() != b.getInt(record.length - 4)) {
            return "CRC32C mismatch";
        }
        return null;
    }

    private static String storedKey(byte[] record) {
        int keyLength = ByteBuffer.wrap(record).getInt(5);
        return new String(record, KEY_OFFSET, keyLength, StandardCharsets.UTF_8);
    }
}
