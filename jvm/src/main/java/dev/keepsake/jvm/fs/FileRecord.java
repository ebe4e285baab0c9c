package dev.keepsake.jvm.fs;

import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.error.CorruptedDataException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of one data file: a self-describing record holding the key, the entry's version
 * and the value, checked by a CRC32C over everything before it. The layout (all integers
 * big-endian) is drawn in {@link FileSystemBackend}'s class documentation; this class is its
 * only reader and writer. Records of format 1, written before versions existed, have no
 * version field and read as {@link Versioned#UNVERSIONED}.
 */
final class FileRecord {

    /** {@code "KSFS"}: Keepsake file-system record. */
    static final int MAGIC = 0x4B534653;
    static final byte VERSION = 2;
    /** Format 1: the same record without the entry's version. */
    static final byte VERSION_1 = 1;
    /** Bytes of the record around the key and value: magic, format, two lengths, version, CRC. */
    static final int OVERHEAD = 4 + 1 + 4 + 4 + 8 + 4;
    /** The same for format 1. */
    static final int OVERHEAD_1 = OVERHEAD - 8;
    private static final int KEY_OFFSET = 4 + 1 + 4;

    private FileRecord() {
    }

    /**
     * Returns the record for {@code key} and {@code value} as buffers to write in order; the
     * value is not copied.
     */
    static ByteBuffer[] encode(String key, long version, byte[] value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(KEY_OFFSET + keyBytes.length + 8 + 4);
        head.putInt(MAGIC).put(VERSION).putInt(keyBytes.length).put(keyBytes).putLong(version).putInt(value.length);
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
    static Versioned decode(String backend, String key, byte[] record) {
        return decode(backend, key, key.getBytes(StandardCharsets.UTF_8), record);
    }

    /** Returns {@link #decode(String, String, byte[])} given also {@code key}'s UTF-8 bytes. */
    static Versioned decode(String backend, String key, byte[] keyUtf8, byte[] record) {
        String problem = check(record);
        if (problem != null) {
            throw new CorruptedDataException(backend, key, problem, null);
        }
        int storedLength = ByteBuffer.wrap(record).getInt(5);
        if (!Arrays.equals(record, KEY_OFFSET, KEY_OFFSET + storedLength, keyUtf8, 0, keyUtf8.length)) {
            String stored = storedKey(record);
            throw new CorruptedDataException(backend, key,
                    "file holds a different key (" + stored.length() + " chars)", null);
        }
        ByteBuffer b = ByteBuffer.wrap(record);
        int afterKey = KEY_OFFSET + b.getInt(5);
        boolean versioned = record[4] == VERSION;
        int valueOffset = afterKey + (versioned ? 8 : 0) + 4;
        int valueLength = b.getInt(valueOffset - 4);
        byte[] value = new byte[valueLength];
        System.arraycopy(record, valueOffset, value, 0, valueLength);
        return new Versioned(value, versioned ? b.getLong(afterKey) : Versioned.UNVERSIONED);
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
        if (b.getInt(0) != MAGIC || (b.get(4) != VERSION && b.get(4) != VERSION_1)) {
            return null;
        }
        int keyLength = b.getInt(5);
        if (keyLength <= 0 || keyLength > fileSize - overhead(b.get(4)) || KEY_OFFSET + keyLength > prefix.length) {
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
        if (record.length < OVERHEAD_1) {
            return "file is too short for a record (" + record.length + " bytes)";
        }
        ByteBuffer b = ByteBuffer.wrap(record);
        if (b.getInt(0) != MAGIC) {
            return "file is not a Keepsake record (bad magic)";
        }
        byte format = b.get(4);
        if (format != VERSION && format != VERSION_1) {
            return "unknown record version " + (format & 0xff);
        }
        int overhead = overhead(format);
        int keyLength = b.getInt(5);
        if (keyLength <= 0 || keyLength > record.length - overhead) {
            return "bad key length " + keyLength + " in a file of " + record.length + " bytes";
        }
        int valueLength = b.getInt(KEY_OFFSET + keyLength + overhead - OVERHEAD_1);
        long expected = (long) overhead + keyLength + valueLength;
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

    /** Returns the bytes a record of {@code format} has around its key and value. */
    private static int overhead(byte format) {
        return format == VERSION_1 ? OVERHEAD_1 : OVERHEAD;
    }

    private static String storedKey(byte[] record) {
        int keyLength = ByteBuffer.wrap(record).getInt(5);
        return new String(record, KEY_OFFSET, keyLength, StandardCharsets.UTF_8);
    }
}
