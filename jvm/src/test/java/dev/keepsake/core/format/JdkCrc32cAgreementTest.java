package dev.keepsake.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.core.internal.FastCrc32c;
import dev.keepsake.jvm.internal.JdkCrc32c;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The JDK's CRC-32C that the JVM module installs gives the same checksums as core's plain Java,
 * so that an envelope's bytes do not depend on which one sealed or checks it. In core's package
 * (on the test class path) to reach core's package-private {@link Crc32c}.
 */
class JdkCrc32cAgreementTest {

    @Test
    void standardCheckValue() {
        JdkCrc32c.install();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Crc32c.CHECK_VALUE, FastCrc32c.installed().checksum(check, 0, check.length, new byte[0]));
        assertEquals(Crc32c.CHECK_VALUE, FastCrc32c.installed().checksum(check, 0, 4, new byte[] {'5', '6', '7', '8',
            '9'}));
    }

    @Property(tries = 2000)
    void equalsCoresOnArbitraryRangesFollowedByMoreBytes(@ForAll @Size(max = 600) byte[] first,
            @ForAll @IntRange(min = 0, max = 600) int a, @ForAll @IntRange(min = 0, max = 600) int b,
            @ForAll @Size(max = 80) byte[] second) {
        JdkCrc32c.install();
        int from = Math.min(Math.min(a, b), first.length);
        int to = Math.min(Math.max(a, b), first.length);
        int plain = Crc32c.update(Crc32c.update(0, first, from, to - from), second, 0, second.length);
        assertEquals(plain, FastCrc32c.installed().checksum(first, from, to - from, second));
    }

    @Property(tries = 500)
    void theEnvelopesChecksumIsTheSameWithAndWithoutIt(@ForAll @Size(max = 300) byte[] first,
            @ForAll @Size(max = 60) byte[] second) {
        JdkCrc32c.install();
        int plain = Crc32c.update(Crc32c.compute(first), second, 0, second.length);
        assertEquals(plain, Crc32c.compute(first, first.length, second));
    }
}
