package dev.keepsake.browser.js;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * UTF-8 through the browser's TextEncoder and TextDecoder (JS and wasm-gc): the bytes of known
 * texts, round trips, and arrays that stay the caller's own although the JS build shares memory
 * with JavaScript while coding.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class JsTextTest {

    @Test
    public void encodesKnownTextsToTheirUtf8Bytes() {
        assertArrayEquals(new byte[0], JsText.encode(""));
        assertArrayEquals(new byte[] {'{', '"', 'a', '"', ':', '1', '}'}, JsText.encode("{\"a\":1}"));
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9}, JsText.encode("\u00e9"));
        assertArrayEquals(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, JsText.encode("\u20ac"));
        assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
                JsText.encode("\ud83d\ude00"));
    }

    @Test
    public void decodesWhatItEncodedForShortAndLongTexts() {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            longText.append((char) ('a' + i % 26)).append(i % 100 == 0 ? "\u00e9\ud83d\ude00" : "");
        }
        for (String text : new String[] {"", "x", "\"quoted\" \u00e9 \u20ac \ud83d\ude00", longText.toString()}) {
            assertEquals(text, JsText.decode(JsText.encode(text)));
        }
    }

    @Test
    public void arraysStayTheCallersOwn() {
        byte[] first = JsText.encode("abc");
        first[0] = 'z';
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, JsText.encode("abc"));
        byte[] bytes = {'o', 'k'};
        String decoded = JsText.decode(bytes);
        bytes[0] = 'n';
        assertEquals("ok", decoded);
        assertEquals("nk", JsText.decode(bytes));
    }

    @Test
    public void decodesARangeInPlaceAsTheSameBytesAlone() {
        byte[] bytes = JsText.encode("<<\u00e9t\u00e9 \ud83d\ude00>>");
        assertEquals("\u00e9t\u00e9 \ud83d\ude00", JsText.decode(bytes, 2, bytes.length - 4));
        assertEquals("", JsText.decode(bytes, 5, 0));
        assertEquals("<<", JsText.decode(bytes, 0, 2));
        assertEquals(JsText.decode(bytes), JsText.decode(bytes, 0, bytes.length));
    }
}
