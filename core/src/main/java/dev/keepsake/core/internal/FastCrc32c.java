package dev.keepsake.core.internal;

import java.util.Objects;

/**
 * A CRC-32C (Castagnoli) faster than core's plain-Java one, which a platform module installs when
 * it has one: the JVM module installs {@code java.util.zip.CRC32C}, which the JIT compiles to the
 * processor's CRC instructions. Once one is installed the envelope computes every checksum with
 * it; until then, and on platforms that install none (the browser builds), core's own runs.
 * An implementation must return exactly the CRC-32C core computes, so that installing it never
 * changes a stored byte, and must be thread-safe.
 */
public abstract class FastCrc32c {

    private static volatile FastCrc32c installed;

    /** For the platform's implementation. */
    protected FastCrc32c() {
    }

    /**
     * Returns the CRC-32C of {@code first[offset, offset + length)} followed by all of
     * {@code second}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code first}
     */
    public abstract int checksum(byte[] first, int offset, int length, byte[] second);

    /** Makes {@code crc} the one the envelope uses from now on, in place of any installed before. */
    public static void install(FastCrc32c crc) {
        installed = Objects.requireNonNull(crc, "crc");
    }

    /** Returns the installed CRC-32C, or null when core's own is used. */
    public static FastCrc32c installed() {
        return installed;
    }
}
