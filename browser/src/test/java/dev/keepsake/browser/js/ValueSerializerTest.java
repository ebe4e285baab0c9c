package dev.keepsake.browser.js;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.SerializationException;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The key-value layer's stored form (JS and wasm-gc), read as the manager reads it: in place,
 * from a range of a larger array (the envelope), exactly as from an array of those bytes alone.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class ValueSerializerTest {

    private static final ValueSerializer SERIALIZER = ValueSerializer.INSTANCE;

    private static JsValue[] samples() {
        return new JsValue[] {
            JsValue.ofJson("{\"a\":[1,2,\"\u00e9\ud83d\ude00\"]}"),
            JsValue.ofJson("0"),
            JsValue.ofBytes(new byte[] {0, 1, (byte) 0xFF}),
            JsValue.ofBytes(new byte[0]),
            JsValue.ofJson("\"soon\"").expiringAt(1_700_000_000_123L),
            JsValue.ofBytes(new byte[] {9}).expiringAt(42),
        };
    }

    /** {@code bytes} with {@code before} and {@code after} bytes of {@code fill} around them. */
    private static byte[] inside(byte[] bytes, int before, int after, byte fill) {
        byte[] out = new byte[before + bytes.length + after];
        Arrays.fill(out, fill);
        System.arraycopy(bytes, 0, out, before, bytes.length);
        return out;
    }

    @Test
    public void everyKindReadsBackFromItsBytesAloneAndFromARangeOfALargerArray() {
        for (JsValue value : samples()) {
            byte[] stored = SERIALIZER.serialize(value);
            assertEquals(value, SERIALIZER.deserialize(stored));
            // Surrounded by bytes that would change the value if read: '1' after JSON "0" makes 01.
            assertEquals(value, SERIALIZER.deserialize(inside(stored, 16, 4, (byte) '1'), 16, stored.length));
            assertEquals(value, SERIALIZER.deserialize(inside(stored, 0, 9, (byte) 0), 0, stored.length));
        }
    }

    @Test
    public void aBytesValueIsTheCallersOwnCopyNotAViewOfTheStoredArray() {
        byte[] stored = inside(SERIALIZER.serialize(JsValue.ofBytes(new byte[] {5, 6, 7})), 3, 2, (byte) 0);
        JsValue read = SERIALIZER.deserialize(stored, 3, 4);
        Arrays.fill(stored, (byte) 1);
        assertArrayEquals(new byte[] {5, 6, 7}, read.bytes());
    }

    @Test
    public void damagedOrEmptyRangesAreTypedErrors() {
        byte[] notJson = inside("{\"a\":".getBytes(java.nio.charset.StandardCharsets.UTF_8), 2, 3, (byte) '}');
        assertThrows(CorruptedDataException.class, () -> SERIALIZER.deserialize(notJson, 2, notJson.length - 5));
        assertThrows(SerializationException.class, () -> SERIALIZER.deserialize(new byte[] {'1', '2'}, 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> SERIALIZER.deserialize(new byte[4], 3, 2));
    }
}
