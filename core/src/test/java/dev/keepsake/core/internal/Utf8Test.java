package dev.keepsake.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** {@link Utf8} on the JVM, in JavaScript and in WebAssembly. */
@RunWith(TeaVMTestRunner.class)
public class Utf8Test {

    @Test
    public void encodesLikeTextEncoder() {
        assertEquals("61c3a9e282ac", hex(Utf8.encode("a\u00e9\u20ac")));
        assertEquals("f09f9880", hex(Utf8.encode("\uD83D\uDE00")));
        assertEquals("", hex(Utf8.encode("")));
        // Lone surrogates become U+FFFD, as in the browser, not '?' as in the JDK.
        assertEquals("efbfbd78efbfbd", hex(Utf8.encode("\uD800x\uDC00")));
        assertEquals("efbfbd", hex(Utf8.encode("\uDBFF")));
        assertEquals("efbfbdf09f9880", hex(Utf8.encode("\uDC00\uD83D\uDE00")));
    }

    @Test
    public void encodedLengthCountsEachLengthClass() {
        assertEquals(1, Utf8.encodedLength("a"));
        assertEquals(2, Utf8.encodedLength("\u00e9"));
        assertEquals(3, Utf8.encodedLength("\u20ac"));
        assertEquals(4, Utf8.encodedLength("\ud83d\ude00"));
        assertEquals(3, Utf8.encodedLength("\uffff"));
        assertEquals(10, Utf8.encodedLength("a\u00e9\u20ac\ud83d\ude00"));
    }

    @Test
    public void encodedLengthNamesTheFirstUnpairedSurrogate() {
        assertEquals(-1, Utf8.encodedLength("\uDC00"));
        assertEquals(-1 - 2, Utf8.encodedLength("ab\uD800"));
        assertEquals(-1 - 1, Utf8.encodedLength("a\uD800b"));
        assertEquals(-1 - 3, Utf8.encodedLength("\uD83D\uDE00x\uDE00\uD800"));
    }

    @Test
    public void decodesEachLengthClass() {
        byte[] bytes = bytes(0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80);
        assertEquals("a\u00e9\u20ac\uD83D\uDE00", Utf8.decode(bytes, 0, bytes.length));
        assertEquals("\u00e9\u20ac", Utf8.decode(bytes, 1, 5));
    }

    @Test
    public void refusesMalformedInputAndSaysWhere() {
        assertMalformed(Utf8.INVALID_LEAD, 1, bytes(0x61, 0x80));
        assertMalformed(Utf8.INVALID_LEAD, 0, bytes(0xC0, 0xAF)); // overlong '/'
        assertMalformed(Utf8.INVALID_LEAD, 0, bytes(0xF5, 0x80, 0x80, 0x80)); // above U+10FFFF
        assertMalformed(Utf8.TRUNCATED, 2, bytes(0x61, 0x62, 0xE2, 0x82));
        assertMalformed(Utf8.INVALID_SEQUENCE, 0, bytes(0xC3, 0x28));
        assertMalformed(Utf8.INVALID_SEQUENCE, 0, bytes(0xE0, 0x80, 0xAF)); // overlong
        assertMalformed(Utf8.INVALID_SEQUENCE, 0, bytes(0xED, 0xA0, 0x80)); // encoded surrogate
        assertMalformed(Utf8.INVALID_SEQUENCE, 0, bytes(0xF4, 0x90, 0x80, 0x80)); // above U+10FFFF
        assertMalformed(Utf8.INVALID_SEQUENCE, 0, bytes(0xF0, 0x9F, 0x98, 0x28));
    }

    private static void assertMalformed(int kind, int at, byte[] bytes) {
        assertNull(Utf8.decode(bytes, 0, bytes.length));
        assertEquals(at, Utf8.malformedAt(bytes, 0, bytes.length));
        assertEquals(kind, Utf8.decodeAt(bytes, at, bytes.length));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
