package dev.keepsake.core.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.error.SerializationException;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * {@link Serializer#deserialize(byte[], int, int)}: what the manager reads a value with in place
 * of its envelope. A range inside a larger array decodes exactly as an array of just those
 * bytes, reads nothing outside it, reports positions from its start, and is checked.
 */
@RunWith(TeaVMTestRunner.class)
public class SerializerRangeTest {

    private static final Serializer<Samples.Bag> JSON = Serializers.json(Samples.BAG);
    private static final Serializer<Samples.Bag> BINARY = Serializers.binary(Samples.BAG);

    /** {@code bytes} with {@code before} and {@code after} bytes of {@code fill} around them. */
    private static byte[] inside(byte[] bytes, int before, int after, byte fill) {
        byte[] out = new byte[before + bytes.length + after];
        Arrays.fill(out, fill);
        System.arraycopy(bytes, 0, out, before, bytes.length);
        return out;
    }

    @Test
    public void aRangeDecodesAsTheSameBytesAlone() {
        for (Serializer<Samples.Bag> s : Arrays.asList(JSON, BINARY)) {
            byte[] alone = s.serialize(Samples.sampleBag());
            // Surrounded by bytes that would break the value if read: '{' for JSON, 0xFF for binary.
            byte[] framed = inside(alone, 16, 4, (byte) '{');
            assertEquals(s.deserialize(alone), s.deserialize(framed, 16, alone.length));
            assertEquals(s.deserialize(alone), s.deserialize(inside(alone, 0, 7, (byte) 0xFF), 0, alone.length));
        }
    }

    @Test
    public void theDefaultMethodCopiesTheRangeForASerializerThatOnlyReadsWholeArrays() {
        Serializer<String> whole = new Serializer<>() {
            @Override
            public byte[] serialize(String value) {
                return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public String deserialize(byte[] bytes) {
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public int formatId() {
                return 200;
            }
        };
        assertEquals("bcd", whole.deserialize(new byte[] {'a', 'b', 'c', 'd', 'e'}, 1, 3));
        assertEquals("", whole.deserialize(new byte[] {'a'}, 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> whole.deserialize(new byte[3], 2, 2));
    }

    @Test
    public void aValueCutShortByItsRangeFailsLikeATruncatedArray() {
        for (Serializer<Samples.Bag> s : Arrays.asList(JSON, BINARY)) {
            byte[] alone = s.serialize(Samples.sampleBag());
            byte[] framed = inside(alone, 5, 0, (byte) 0);
            // The bytes after the range are there, but the value must not see them.
            assertThrows(SerializationException.class, () -> s.deserialize(framed, 5, alone.length - 1));
        }
    }

    @Test
    public void errorPositionsAreCountedFromTheRangesStart() {
        byte[] bad = "{\"points\":[x]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String alone = assertThrows(SerializationException.class, () -> JSON.deserialize(bad)).getMessage();
        String framed = assertThrows(SerializationException.class,
                () -> JSON.deserialize(inside(bad, 100, 3, (byte) ' '), 100, bad.length)).getMessage();
        assertTrue(alone, alone.contains("(byte 11)"));
        assertEquals(alone, framed);
        byte[] binary = BINARY.serialize(Samples.sampleBag());
        String cut = assertThrows(SerializationException.class,
                () -> BINARY.deserialize(Arrays.copyOf(binary, 3))).getMessage();
        String cutFramed = assertThrows(SerializationException.class,
                () -> BINARY.deserialize(inside(Arrays.copyOf(binary, 3), 40, 9, (byte) 0), 40, 3)).getMessage();
        assertEquals(cut, cutFramed);
    }

    @Test
    public void aRangeOutsideTheArrayIsRefusedBeforeAnythingIsRead() {
        for (Serializer<Samples.Bag> s : Arrays.asList(JSON, BINARY)) {
            assertThrows(IndexOutOfBoundsException.class, () -> s.deserialize(new byte[4], -1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> s.deserialize(new byte[4], 3, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> s.deserialize(new byte[4], 0, -1));
            assertThrows(NullPointerException.class, () -> s.deserialize(null, 0, 0));
        }
    }
}
