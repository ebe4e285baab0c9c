package dev.keepsake.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** JVM only: {@link Keys#utf8Length} agrees with the JDK's UTF-8 encoder on every valid key. */
class KeysJdkTest {

    @Property(tries = 2000)
    void utf8LengthEqualsTheJdksEncodedLength(@ForAll("validKeys") String key) {
        assertEquals(key.getBytes(StandardCharsets.UTF_8).length, Keys.utf8Length(Keys.requireValid(key)));
    }

    @Example
    void eachUtf8LengthClassIsCounted() {
        assertEquals(1, Keys.utf8Length("a"));
        assertEquals(2, Keys.utf8Length("\u00e9"));
        assertEquals(3, Keys.utf8Length("\u20ac"));
        assertEquals(4, Keys.utf8Length("\ud83d\ude00"));
        assertEquals(3, Keys.utf8Length("\uffff"));
        assertEquals(10, Keys.utf8Length("a\u00e9\u20ac\ud83d\ude00"));
    }

    @Provide
    Arbitrary<String> validKeys() {
        // Code points across all four UTF-8 lengths, never a lone surrogate.
        Arbitrary<String> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 0x7F),
                Arbitraries.integers().between(0x80, 0x7FF),
                Arbitraries.integers().between(0x800, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0xFFFF),
                Arbitraries.integers().between(0x10000, 0x10FFFF)).map(Character::toString);
        return codePoint.list().ofMinSize(1).ofMaxSize(40).map(parts -> String.join("", parts));
    }
}
