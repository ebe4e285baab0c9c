package dev.keepsake.jvm.internal;

import dev.keepsake.core.internal.FastCrc32c;
import java.util.zip.CRC32C;

/**
 * The JDK's {@link CRC32C} as core's {@link FastCrc32c}: the JIT runs it on the processor's CRC
 * instructions, several times faster than core's plain Java over an envelope. The classes a JVM
 * application builds a manager with (the backends, {@code ThreadScheduler}) install it when they
 * initialise; a JVM application of core alone keeps core's CRC, which gives the same values.
 */
public final class JdkCrc32c extends FastCrc32c {

    private static final JdkCrc32c INSTANCE = new JdkCrc32c();

    private JdkCrc32c() {
    }

    /** Installs the JDK's CRC-32C in core; idempotent. */
    public static void install() {
        if (FastCrc32c.installed() != INSTANCE) {
            FastCrc32c.install(INSTANCE);
        }
    }

    @Override
    public int checksum(byte[] first, int offset, int length, byte[] second) {
        CRC32C crc = new CRC32C();
        crc.update(first, offset, length);
        crc.update(second, 0, second.length);
        return (int) crc.getValue();
    }
}
