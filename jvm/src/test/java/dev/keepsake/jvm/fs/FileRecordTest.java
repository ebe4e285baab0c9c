package dev.keepsake.jvm.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keepsake.core.backend.Versioned;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The on-disk record, byte for byte, against the table in {@link FileSystemBackend}'s Javadoc. */
class FileRecordTest {

    private static byte[] concat(ByteBuffer[] parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer part : parts) {
            ByteBuffer b = part.duplicate();
            while (b.hasRemaining()) {
                out.write(b.get());
            }
        }
        return out.toByteArray();
    }

    /** Bitwise CRC32C written from the definition (reflected polynomial 0x82F63B78). */
    private static int crc32c(byte[] data, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    @Test
    void theReferenceCrcMatchesTheStandardCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, crc32c(check, check.length));
    }

    @Test
    void layoutMatchesTheDocumentedTable() {
        byte[] record = concat(FileRecord.encode("\u00e9", 0x0102030405060708L, new byte[] {1, 2, 3}));
        byte[] expectedPrefix = {
            'K', 'S', 'F', 'S',       // magic
            2,                        // format version
            0, 0, 0, 2,               // K: "é" is two UTF-8 bytes
            (byte) 0xC3, (byte) 0xA9, // key
            1, 2, 3, 4, 5, 6, 7, 8,   // the entry's version
            0, 0, 0, 3,               // V
            1, 2, 3,                  // value
        };
        assertEquals(FileRecord.OVERHEAD + 2 + 3, record.length);
        byte[] prefix = java.util.Arrays.copyOf(record, expectedPrefix.length);
        assertArrayEquals(expectedPrefix, prefix);
        int crc = ByteBuffer.wrap(record).getInt(record.length - 4);
        assertEquals(crc32c(record, record.length - 4), crc);
    }

    @Test
    void decodeReturnsTheValueAndHeaderGivesTheKey() {
        byte[] record = concat(FileRecord.encode("key", 77, new byte[] {9, 8}));
        assertArrayEquals(new byte[] {9, 8}, FileRecord.decode("test", "key", record).value());
        assertEquals(77, FileRecord.decode("test", "key", record).version());
        assertEquals("key", FileRecord.keyInHeader(record, record.length));
        assertNull(FileRecord.keyInHeader(new byte[] {'K', 'S'}, 2));
        assertNull(FileRecord.keyInHeader("not a record at all".getBytes(StandardCharsets.US_ASCII), 19));
    }

    @Test
    void formatOneRecordsWrittenBeforeVersionsAreStillReadAsUnversioned() {
        byte[] body = {'K', 'S', 'F', 'S', 1, 0, 0, 0, 3, 'k', 'e', 'y', 0, 0, 0, 2, 9, 8};
        byte[] record = java.util.Arrays.copyOf(body, body.length + 4);
        ByteBuffer.wrap(record).putInt(body.length, crc32c(body, body.length));
        Versioned read = FileRecord.decode("test", "key", record);
        assertArrayEquals(new byte[] {9, 8}, read.value());
        assertEquals(Versioned.UNVERSIONED, read.version());
        assertEquals("key", FileRecord.keyInHeader(record, record.length));
    }
}
