package dev.keepsake.core.codec;

import static dev.keepsake.core.codec.Codecs.field;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.core.codec.Samples.Circle;
import dev.keepsake.core.codec.Samples.Color;
import dev.keepsake.core.codec.Samples.Nothing;
import dev.keepsake.core.codec.Samples.Point;
import dev.keepsake.core.error.SerializationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The compact binary layout, byte for byte, and its defences against damaged input, on every platform. */
@RunWith(TeaVMTestRunner.class)
public class BinaryLayoutTest {

    @Test
    public void scalarsRecordGoldenBytes() {
        Samples.Scalars value = new Samples.Scalars("h\u00e9", 300, -1L, 1.5, true, new byte[] {1, 2});
        assertGolden(Samples.SCALARS, value,
                0x03, 0x68, 0xC3, 0xA9, // "hé": byte length 3, UTF-8
                0xD8, 0x04, // 300: zigzag 600 as varint
                0x01, // -1L: zigzag 1
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F, // 1.5: IEEE 754, little-endian
                0x01, // true
                0x02, 0x01, 0x02); // two bytes
    }

    @Test
    public void compositeGoldenBytes() {
        assertGolden(Samples.POINT, new Point(1, -2), 0x02, 0x03);
        assertGolden(Samples.SHAPE, new Circle(new Point(3, -1), 0.5),
                0x00, // variant 0: circle
                0x06, 0x01, // center
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F); // radius
        assertGolden(Samples.SHAPE, new Nothing(), 0x02);
        assertGolden(Codecs.lists(Codecs.optional(Samples.COLOR)), List.of(Optional.of(Color.BLUE), Optional.empty()),
                0x02, 0x01, 0x02, 0x00);
        assertGolden(Codecs.maps(Codecs.ints()), Map.of("a", 1), 0x01, 0x01, 0x61, 0x02);
        assertGolden(Codecs.nullable(Codecs.longs()), null, 0x00);
        assertGolden(Codecs.longs(), Long.MIN_VALUE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        assertGolden(Codecs.ints(), Integer.MIN_VALUE, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
        JsonValue json = Serializers.json(Codecs.json())
                .deserialize(JsonConformanceTest.utf8("{\"k\":[1,\"x\",null,true]}"));
        assertGolden(Codecs.json(), json, 0x06, 0x01, 0x01, 0x6B, 0x05, 0x04, 0x03, 0x01, 0x31, 0x04, 0x01, 0x78, 0x00,
                0x02);
    }

    @Test
    public void everyTruncationFails() {
        Serializer<Samples.Bag> s = Serializers.binary(Samples.BAG);
        byte[] full = s.serialize(Samples.sampleBag());
        for (int n = 0; n < full.length; n++) {
            assertFails(s, Arrays.copyOf(full, n), "");
        }
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertFails(s, longer, "1 unexpected bytes after the value");
    }

    @Test
    public void bitFlipsFailCleanlyOrDecode() {
        Serializer<Samples.Bag> s = Serializers.binary(Samples.BAG);
        byte[] full = s.serialize(Samples.sampleBag());
        int failures = 0;
        for (int i = 0; i < full.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] mutated = full.clone();
                mutated[i] ^= (byte) (1 << bit);
                try {
                    s.deserialize(mutated);
                } catch (SerializationException e) {
                    failures++;
                }
            }
        }
        assertTrue("some flips must be detected", failures > 0);
    }

    @Test
    public void rejectsMalformedVarintsAndLengths() {
        assertFails(Serializers.binary(Codecs.ints()), bytes(0x80, 0x00), "varint is not minimally encoded");
        assertFails(Serializers.binary(Codecs.ints()), bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x1F), "varint exceeds 32 bits");
        assertFails(Serializers.binary(Codecs.longs()),
                bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02),
                "varint exceeds 64 bits");
        assertFails(Serializers.binary(Codecs.strings()), bytes(0x05, 0x61),
                "length 5 exceeds the remaining input at $ (byte 0)");
        assertFails(Serializers.binary(Codecs.strings()), bytes(0x02, 0xC3, 0x28),
                "invalid UTF-8 sequence at $ (byte 1)");
        assertFails(Serializers.binary(Codecs.lists(Codecs.ints())), bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07),
                "exceeds the remaining input");
        assertFails(Serializers.binary(Codecs.lists(Codecs.doubles())), bytes(0x02, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                "exceeds the remaining input");
        assertFails(Serializers.binary(Codecs.booleans()), bytes(0x02), "invalid boolean byte 2");
        assertFails(Serializers.binary(Samples.COLOR), bytes(0x03), "enum index 3 out of range");
        assertFails(Serializers.binary(Samples.SHAPE), bytes(0x03), "union variant index 3 out of range");
        assertFails(Serializers.binary(Codecs.json()), bytes(0x07), "invalid JSON value kind 7");
        assertFails(Serializers.binary(Codecs.json()), bytes(0x03, 0x02, 0x30, 0x31), "invalid number text");
        assertFails(Serializers.binary(Codecs.maps(Codecs.ints())), bytes(0x02, 0x01, 0x61, 0x02, 0x01, 0x61, 0x04),
                "duplicate key \"a\"");
        assertFails(Serializers.binary(Samples.POINT), bytes(0x02), "unexpected end of input at $.y (byte 1)");
    }

    @Test
    public void boundsElementsThatTakeNoBytes() {
        Serializer<List<Nothing>> s = Serializers.binary(Codecs.lists(Codecs.record(Nothing::new)));
        assertEquals(List.of(new Nothing(), new Nothing(), new Nothing()), s.deserialize(bytes(0x03)));
        assertArrayEquals(bytes(0x02), s.serialize(List.of(new Nothing(), new Nothing())));
        assertFails(s, bytes(0x81, 0x80, 0x40), "exceeds the remaining input");
    }

    @Test
    public void limitsNesting() {
        byte[] deep = new byte[2 * 600 + 1];
        for (int i = 0; i < 600; i++) {
            deep[2 * i] = 5;
            deep[2 * i + 1] = 1;
        }
        assertFails(Serializers.binary(Codecs.json()), deep, "nests deeper than 256");
        record Node(List<Node> next) {
        }
        Codec<Node>[] self = new Codec[1];
        self[0] = Codecs.record(Node::new, field("next", Codecs.lists(Codecs.lazy(() -> self[0])), Node::next));
        byte[] chain = new byte[700];
        Arrays.fill(chain, (byte) 1);
        assertFails(Serializers.binary(self[0]), chain, "nests deeper than 256");
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static <T> void assertGolden(Codec<T> codec, T value, int... expected) {
        Serializer<T> s = Serializers.binary(codec);
        byte[] golden = bytes(expected);
        assertArrayEquals(golden, s.serialize(value));
        T back = s.deserialize(golden);
        assertArrayEquals(golden, s.serialize(back));
    }

    private static <T> void assertFails(Serializer<T> s, byte[] input, String expected) {
        try {
            T v = s.deserialize(input);
            fail("decoded " + Arrays.toString(input) + " as " + v);
        } catch (SerializationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }
}
