package dev.keepsake.jvm.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        byte[] record = concat(FileRecord.encode("\u00e9", new byte[] {1, 2, 3}));
        byte[] expectedPrefix = {
            'K', 'S', 'F', 'S',       // magic
            1,                        // version
            0, 0, 0, 2,               // K: "é" is two UTF-8 bytes
            (byte) 0xC3, (byte) 0xA9, // key
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
        byte[] record = concat(FileRecord.encode("key", new byte[] {9, 8}));
        assertArrayEquals(new byte[] {9, 8}, FileRecord.decode("test", "key", record));
        assertEquals("key", FileRecord.keyInHeader(record, record.length));
        assertNull(FileRecord.keyInHeader(new byte[] {'K', 'S'}, 2));
        assertNull(FileRecord.keyInHeader("not a record at all".getBytes(StandardCharsets.US_ASCII), 19));
    }
}
