package dev.keepsake.core.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.core.error.SerializationException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** RFC 8259 conformance of core's JSON reader and writer, on the JVM, JavaScript and wasm-gc. */
@RunWith(TeaVMTestRunner.class)
public class JsonConformanceTest {
    private static final Serializer<JsonValue> JSON = Serializers.json(Codecs.json());

    /** Valid inputs and their canonical (compact) rewriting. */
    private static final String[][] VALID = {
        {"{}", "{}"},
        {"[]", "[]"},
        {" \t\r\n{ \"a\" : [ 1 , 2 ] } \n", "{\"a\":[1,2]}"},
        {"\"\"", "\"\""},
        {"0", "0"},
        {"-0", "-0"},
        {"-0.0e-0", "-0.0e-0"},
        {"1E+2", "1E+2"},
        {"123456789012345678901234567890", "123456789012345678901234567890"},
        {"true", "true"},
        {"false", "false"},
        {"null", "null"},
        {"[null,true,false,\"x\",1.5,{}]", "[null,true,false,\"x\",1.5,{}]"},
        {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\\"\\\\/\\b\\f\\n\\r\\t\""},
        {"\"\\u0000\\u001f\\u007f\"", "\"\\u0000\\u001F\u007f\""},
        {"\"\\u00e9\\u4E2D\"", "\"\u00e9\u4e2d\""},
        {"\"\\ud83d\\ude00\"", "\"\ud83d\ude00\""},
        {"\"\u00e9\u4e2d\ud83d\ude00\"", "\"\u00e9\u4e2d\ud83d\ude00\""},
        {"{\"b\":1,\"a\":2,\"c\":{\"z\":[],\"y\":null}}", "{\"b\":1,\"a\":2,\"c\":{\"z\":[],\"y\":null}}"},
        {"[[[[[[]]]]]]", "[[[[[[]]]]]]"},
    };

    private static final String[] INVALID = {
        "", " ", "{", "}", "[", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":}", "{a:1}", "{'a':1}",
        "[1 2]", "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "1.5e", "NaN", "Infinity", "-Infinity",
        "tru", "truee", "nul", "True", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\ud83d\"", "\"\\ude00\"",
        "\"\\ud83d\\u0041\"", "\"\\ud83dx\"", "\"a\tb\"", "\"a\nb\"", "\"\u0001\"", "1 2", "{} {}", "[]x", "null,",
        "/* c */ 1", "[1] // c", "{\"a\":1,\"a\":2}", "\ufeff{}"
    };

    @Test
    public void acceptsValidJsonAndWritesItCompactly() {
        for (String[] c : VALID) {
            JsonValue v = read(utf8(c[0]), c[0]);
            assertEquals(c[0], c[1], new String(JSON.serialize(v), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    public void rejectsInvalidJsonWithAPosition() {
        for (String text : INVALID) {
            try {
                JSON.deserialize(utf8(text));
                fail("accepted " + text);
            } catch (SerializationException e) {
                assertTrue(text + ": " + e.getMessage(), e.getMessage().contains("(byte "));
            }
        }
    }

    @Test
    public void reportsTheByteWhereInputGoesWrong() {
        assertEquals("cannot read JSON: expected ',' or ']' at $ (byte 3)", message("[1 2]"));
        assertEquals("cannot read JSON: leading zeros are not allowed at $ (byte 2)", message("[01]"));
        assertEquals("cannot read JSON: unexpected data after the JSON value at $ (byte 3)", message("{} x"));
        assertEquals("cannot read JSON: control character in string at $ (byte 6)", message("[\"\u00e9ab\u0001\"]"));
    }

    @Test
    public void rejectsMalformedUtf8() {
        int[][] bad = {
            {0x22, 0xC0, 0x80, 0x22}, // overlong NUL
            {0x22, 0xE0, 0x80, 0xAF, 0x22}, // overlong '/'
            {0x22, 0xED, 0xA0, 0x80, 0x22}, // encoded surrogate
            {0x22, 0xF4, 0x90, 0x80, 0x80, 0x22}, // above U+10FFFF
            {0x22, 0xF5, 0x80, 0x80, 0x80, 0x22}, // invalid lead byte
            {0x22, 0x80, 0x22}, // lone continuation byte
            {0x22, 0xC3, 0x22}, // truncated sequence
            {0x22, 0xE4, 0xB8}, // truncated at end of input
            {0x22, 0xFF, 0x22},
        };
        for (int[] b : bad) {
            byte[] bytes = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                bytes[i] = (byte) b[i];
            }
            try {
                JSON.deserialize(bytes);
                fail("accepted malformed UTF-8 " + java.util.Arrays.toString(b));
            } catch (SerializationException expected) {
                assertTrue(expected.getMessage(),
                        expected.getMessage().contains("UTF-8") || expected.getMessage().contains("string"));
            }
        }
    }

    @Test
    public void limitsNestingDepth() {
        assertEquals(256, depthOf(read(utf8(nested(256)), "256 levels")));
        assertRejected(JSON, nested(257), "nests deeper than 256");
        assertRejected(JSON, nested(100_000), "nests deeper than 256");
        Serializer<JsonValue> shallow = Serializers.json(Codecs.json(), 3);
        assertEquals(3, depthOf(shallow.deserialize(utf8(nested(3)))));
        assertRejected(shallow, nested(4), "nests deeper than 3");
        // skipping an unknown member is limited too
        Serializer<Samples.Point> points = Serializers.json(Samples.POINT, 4);
        assertRejected(points, "{\"x\":1,\"y\":2,\"z\":" + nested(4) + "}", "nests deeper than 4");
        assertEquals(new Samples.Point(1, 2), points.deserialize(utf8("{\"x\":1,\"y\":2,\"z\":" + nested(3) + "}")));
    }

    @Test
    public void refusesToWriteWhatJsonCannotHold() {
        Serializer<Double> doubles = Serializers.json(Codecs.doubles());
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            try {
                doubles.serialize(d);
                fail("wrote " + d);
            } catch (SerializationException expected) {
                assertTrue(expected.getMessage().contains("cannot represent"));
            }
        }
        Serializer<Double> reading = Serializers.json(Codecs.doubles());
        assertRejected(reading, "1e400", "out of double range");
        assertRejected(reading, "-1e400", "out of double range");
        assertEquals(0.0, reading.deserialize(utf8("1e-400")), 0.0);
        Serializer<String> strings = Serializers.json(Codecs.strings());
        try {
            strings.serialize("a\ud800b");
            fail("wrote an unpaired surrogate");
        } catch (SerializationException expected) {
            assertTrue(expected.getMessage().contains("unpaired surrogate"));
        }
        try {
            Serializers.json(Codecs.json()).serialize(nestedValue(600));
            fail("wrote 600 levels");
        } catch (SerializationException expected) {
            assertTrue(expected.getMessage().contains("deeper than 256"));
        }
    }

    @Test
    public void keepsNumbersExact() {
        JsonNumber n = (JsonNumber) read(utf8("9007199254740993"), "2^53+1");
        assertEquals(9007199254740993L, n.longValue());
        assertEquals("9007199254740993", n.text());
        assertEquals(1e23, ((JsonNumber) read(utf8("1e23"), "1e23")).doubleValue(), 0.0);
        assertEquals("-1.0E-7", JsonNumber.of(-1e-7).text());
        assertEquals(Long.MIN_VALUE, JsonNumber.of(Long.MIN_VALUE).longValue());
        try {
            new JsonNumber("1.5").longValue();
            fail("1.5 as a long");
        } catch (ArithmeticException expected) {
            // an integer is required
        }
        for (String bad : new String[] {"", "01", "1.", " 1", "1 ", "+1", "1e", "\u0661"}) {
            try {
                new JsonNumber(bad);
                fail("accepted number text \"" + bad + "\"");
            } catch (IllegalArgumentException expected) {
                // not RFC 8259 number syntax
            }
        }
    }

    private static String nested(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append(i % 2 == 0 ? "[" : "{\"k\":");
        }
        if (depth % 2 == 0 && depth > 0) {
            sb.append("null"); // the innermost object needs a member value
        }
        for (int i = depth - 1; i >= 0; i--) {
            sb.append(i % 2 == 0 ? "]" : "}");
        }
        return sb.toString();
    }

    private static JsonValue nestedValue(int depth) {
        JsonValue v = JsonNull.INSTANCE;
        for (int i = 0; i < depth; i++) {
            v = new JsonArray(java.util.List.of(v));
        }
        return v;
    }

    private static int depthOf(JsonValue v) {
        if (v instanceof JsonArray a) {
            return 1 + (a.elements().isEmpty() ? 0 : depthOf(a.elements().get(0)));
        }
        if (v instanceof JsonObject o) {
            return 1 + (o.members().isEmpty() ? 0 : depthOf(o.members().values().iterator().next()));
        }
        return 0;
    }

    private static <T> void assertRejected(Serializer<T> serializer, String text, String expected) {
        try {
            serializer.deserialize(utf8(text));
            fail("accepted " + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
        } catch (SerializationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }

    private static String message(String text) {
        try {
            JSON.deserialize(utf8(text));
            throw new AssertionError("accepted " + text);
        } catch (SerializationException e) {
            return e.getMessage();
        }
    }

    private static JsonValue read(byte[] bytes, String what) {
        try {
            return JSON.deserialize(bytes);
        } catch (SerializationException e) {
            throw new AssertionError("rejected " + what + ": " + e.getMessage(), e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
