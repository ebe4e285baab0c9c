package dev.keepsake.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JVM only: the committed files under {@code src/test/resources/golden/} are the bytes embedded
 * in {@link GoldenEnvelopes}, they open to the golden payloads, and sealing reproduces those of
 * the current format version.
 */
class EnvelopeGoldenFilesTest {

    private static final Envelope ENVELOPE = Envelope.create();

    @ParameterizedTest
    @EnumSource(GoldenEnvelopes.class)
    void fileMatchesTheEmbeddedBytes(GoldenEnvelopes golden) throws IOException {
        byte[] file = read(golden);
        if (golden.complete()) {
            assertArrayEquals(golden.bytes(), file);
        } else {
            assertEquals(GoldenEnvelopes.LARGE_LENGTH, file.length);
            byte[] headerAndChecksum = TestBytes.concat(Arrays.copyOfRange(file, 0, 16),
                    Arrays.copyOfRange(file, file.length - 4, file.length));
            assertArrayEquals(golden.bytes(), headerAndChecksum);
        }
    }

    @ParameterizedTest
    @EnumSource(GoldenEnvelopes.class)
    void fileOpensToTheGoldenPayload(GoldenEnvelopes golden) throws IOException {
        Envelope.Opened opened = ENVELOPE.open(golden.key, read(golden), GoldenEnvelopes.algorithms()).peek();
        assertEquals(golden.formatId, opened.formatId());
        assertArrayEquals(golden.payload(), opened.payload());
    }

    @ParameterizedTest
    @EnumSource(GoldenEnvelopes.class)
    void sealingReproducesTheFileOfTheCurrentVersion(GoldenEnvelopes golden) throws IOException {
        Assumptions.assumeTrue(golden.current(), "version " + golden.version + " is only read");
        assertArrayEquals(read(golden), golden.seal(ENVELOPE).peek());
    }

    private static byte[] read(GoldenEnvelopes golden) throws IOException {
        try (InputStream in = EnvelopeGoldenFilesTest.class.getResourceAsStream("/golden/" + golden.fileName)) {
            assertNotNull(in, "missing golden file " + golden.fileName);
            return in.readAllBytes();
        }
    }
}
