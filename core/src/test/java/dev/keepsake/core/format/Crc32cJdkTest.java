package dev.keepsake.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** JVM only: our CRC-32C equals the JDK's {@link CRC32C} on arbitrary data and ranges. */
class Crc32cJdkTest {

    @Property(tries = 2000)
    void equalsJdkOnArbitraryRanges(@ForAll @Size(max = 600) byte[] data,
            @ForAll @IntRange(min = 0, max = 600) int a, @ForAll @IntRange(min = 0, max = 600) int b) {
        int from = Math.min(Math.min(a, b), data.length);
        int to = Math.min(Math.max(a, b), data.length);
        CRC32C jdk = new CRC32C();
        jdk.update(data, from, to - from);
        assertEquals((int) jdk.getValue(), Crc32c.compute(data, from, to - from));
    }

    @Property(tries = 500)
    void incrementalEqualsJdk(@ForAll @Size(max = 300) byte[] first, @ForAll @Size(max = 300) byte[] second) {
        CRC32C jdk = new CRC32C();
        jdk.update(first);
        jdk.update(second);
        int crc = Crc32c.update(Crc32c.compute(first), second, 0, second.length);
        assertEquals((int) jdk.getValue(), crc);
    }
}
