package dev.keepsake.browser.storage;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The localStorage value encoding (the browser's {@code btoa}/{@code atob}, so JS and wasm-gc
 * only): RFC 4648 vectors, round trips, strict rejection.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class Base64TextTest {

    @Test
    public void rfc4648Vectors() {
        String[][] vectors = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
            {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
        for (String[] v : vectors) {
            byte[] raw = v[0].getBytes(StandardCharsets.US_ASCII);
            assertEquals(v[1], Base64Text.encode(raw));
            assertArrayEquals(raw, Base64Text.decode(v[1]));
        }
        assertEquals("+/8=", Base64Text.encode(new byte[] {(byte) 0xfb, (byte) 0xff}));
    }

    @Test
    public void everyLengthAndByteRoundTrips() {
        int x = 12345;
        for (int length = 0; length < 300; length++) {
            byte[] raw = new byte[length];
            for (int i = 0; i < length; i++) {
                x = x * 1103515245 + 12345;
                raw[i] = (byte) (x >>> 16);
            }
            String text = Base64Text.encode(raw);
            assertEquals((length + 2) / 3 * 4, text.length());
            assertArrayEquals("length " + length, raw, Base64Text.decode(text));
        }
    }

    @Test
    public void valuesLongerThanOneChunkRoundTrip() {
        // encode() converts 32 Ki bytes at a time; cross several chunk boundaries.
        byte[] raw = new byte[3 * 32768 + 5];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 31 + (i >>> 8));
        }
        String text = Base64Text.encode(raw);
        assertEquals((raw.length + 2) / 3 * 4, text.length());
        assertArrayEquals(raw, Base64Text.decode(text));
    }

    @Test
    public void malformedTextIsRejected() {
        String[] bad = {"A", "AB", "ABC", "AB=C", "A===", "====", "QR==", "QUJ=", "Zm9v!mFy", "Zm9v Yg==",
            "Zg==Zg==", "Zm9-", "Zm9_", "Zm9v\n", "Zm9\u00e9", "Zm9v====", "Zg=\u0000", "=Zm9"};
        for (String text : bad) {
            assertThrows(text, IllegalArgumentException.class, () -> Base64Text.decode(text));
        }
    }

    @Test
    public void decodingFromAnIndexReadsOnlyTheRest() {
        byte[] raw = {1, 2, 3, -1, -128, 127};
        String text = Base64Text.encode(raw);
        assertArrayEquals(raw, Base64Text.decode("12." + text, 3));
        assertArrayEquals(new byte[0], Base64Text.decode("12.", 3));
        assertThrows(IllegalArgumentException.class, () -> Base64Text.decode("12." + text, 2));
    }

    @Test
    public void encodedBytesAndDecodedArraysAreIndependentOfEachOther() {
        byte[] raw = {10, 20, 30, 40};
        String text = Base64Text.encode(raw);
        raw[0] = 99;
        assertEquals("ChQeKA==", text);
        byte[] first = Base64Text.decode(text);
        first[1] = 0;
        assertArrayEquals(new byte[] {10, 20, 30, 40}, Base64Text.decode(text));
    }
}
