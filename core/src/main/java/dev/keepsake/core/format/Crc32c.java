package dev.keepsake.core.format;

import dev.keepsake.core.internal.FastCrc32c;

/**
 * CRC-32C (Castagnoli, reflected polynomial {@code 0x82F63B78}, initial value and final XOR
 * {@code 0xFFFFFFFF}): the checksum the envelope stores, identical to
 * {@code java.util.zip.CRC32C} and to the iSCSI / ext4 / SSE4.2 CRC.
 *
 * <p>Slicing-by-8 over one table of 8 x 256 ints, in {@code int} arithmetic only, because a
 * Java {@code long} is a slow BigInt once TeaVM compiles core to JavaScript. Stateless and
 * thread-safe; the table is built once when the class initialises. {@link #compute(byte[], int,
 * byte[])}, the envelope's checksum, runs the platform's {@link FastCrc32c} when one is installed.
 */
final class Crc32c {

    /** The CRC-32C of the ASCII bytes {@code "123456789"}, the standard check value. */
    static final int CHECK_VALUE = 0xE3069283;

    private static final int POLYNOMIAL = 0x82F63B78;
    private static final int[] TABLE = buildTable();

    private Crc32c() {
    }

    /** Returns the CRC-32C of {@code data[offset, offset + length)}. */
    static int compute(byte[] data, int offset, int length) {
        return update(0, data, offset, length);
    }

    /**
     * Returns the CRC-32C of {@code first[0, firstLength)} followed by all of {@code second},
     * computed by the installed {@link FastCrc32c} if there is one.
     */
    static int compute(byte[] first, int firstLength, byte[] second) {
        FastCrc32c fast = FastCrc32c.installed();
        if (fast != null) {
            return fast.checksum(first, 0, firstLength, second);
        }
        return update(update(0, first, 0, firstLength), second, 0, second.length);
    }

    /** Returns the CRC-32C of all of {@code data}. */
    static int compute(byte[] data) {
        return update(0, data, 0, data.length);
    }

    /**
     * Returns the CRC-32C of the bytes that gave {@code crc}, followed by
     * {@code data[offset, offset + length)}; {@code update(0, ...)} starts a new checksum.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    static int update(int crc, byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length
                    + ") outside an array of " + data.length);
        }
        int[] t = TABLE;
        int c = ~crc;
        int i = offset;
        int end = offset + length;
        // Eight bytes per step: the first four are folded into the running CRC, the next four
        // are looked up directly; each table k advances a byte by k further positions.
        int end8 = end - 7;
        while (i < end8) {
            int lo = c ^ ((data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8
                    | (data[i + 2] & 0xFF) << 16 | (data[i + 3] & 0xFF) << 24);
            c = t[7 * 256 + (lo & 0xFF)]
                    ^ t[6 * 256 + ((lo >>> 8) & 0xFF)]
                    ^ t[5 * 256 + ((lo >>> 16) & 0xFF)]
                    ^ t[4 * 256 + (lo >>> 24)]
                    ^ t[3 * 256 + (data[i + 4] & 0xFF)]
                    ^ t[2 * 256 + (data[i + 5] & 0xFF)]
                    ^ t[256 + (data[i + 6] & 0xFF)]
                    ^ t[data[i + 7] & 0xFF];
            i += 8;
        }
        while (i < end) {
            c = (c >>> 8) ^ t[(c ^ data[i]) & 0xFF];
            i++;
        }
        return ~c;
    }

    private static int[] buildTable() {
        int[] t = new int[8 * 256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
            }
            t[n] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                int previous = t[(k - 1) * 256 + n];
                t[k * 256 + n] = (previous >>> 8) ^ t[previous & 0xFF];
            }
        }
        return t;
    }
}
