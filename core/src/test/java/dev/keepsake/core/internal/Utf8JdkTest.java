package dev.keepsake.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * JVM only: on well-formed text {@link Utf8} agrees with the JDK's UTF-8 encoder and decoder,
 * and on any bytes it refuses exactly what the JDK's strict decoder refuses.
 */
class Utf8JdkTest {

    @Property(tries = 2000)
    void encodingEqualsTheJdksOnWellFormedText(@ForAll("wellFormed") String text) {
        byte[] jdk = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(jdk.length, Utf8.encodedLength(text));
        assertArrayEquals(jdk, Utf8.encode(text));
        assertEquals(text, Utf8.decode(jdk, 0, jdk.length));
    }

    @Property(tries = 3000)
    void decodingRefusesExactlyWhatTheJdksStrictDecoderRefuses(@ForAll @Size(max = 12) byte[] bytes) {
        String jdk;
        try {
            jdk = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            jdk = null;
        }
        assertEquals(jdk, Utf8.decode(bytes, 0, bytes.length));
        if (jdk == null) {
            int at = Utf8.malformedAt(bytes, 0, bytes.length);
            assertNull(Utf8.decode(bytes, at, bytes.length - at), "the malformed sequence is at " + at);
            assertEquals(Utf8.decode(bytes, 0, at), new String(bytes, 0, at, StandardCharsets.UTF_8));
        } else {
            assertEquals(-1, Utf8.malformedAt(bytes, 0, bytes.length));
        }
    }

    @Provide
    Arbitrary<String> wellFormed() {
        // Code points across all four UTF-8 lengths, never a lone surrogate.
        Arbitrary<String> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0x7FF),
                Arbitraries.integers().between(0x800, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0xFFFF),
                Arbitraries.integers().between(0x10000, 0x10FFFF)).map(Character::toString);
        return codePoint.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }
}
