package dev.keepsake.core.codec;

import static dev.keepsake.core.codec.Codecs.field;
import static dev.keepsake.core.codec.JsonConformanceTest.utf8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.core.codec.Samples.Bag;
import dev.keepsake.core.codec.Samples.Circle;
import dev.keepsake.core.codec.Samples.Color;
import dev.keepsake.core.codec.Samples.Nothing;
import dev.keepsake.core.codec.Samples.Point;
import dev.keepsake.core.codec.Samples.Rect;
import dev.keepsake.core.codec.Samples.Shape;
import dev.keepsake.core.error.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** Every combinator through both formats, and the JSON evolution rules, on every platform. */
@RunWith(TeaVMTestRunner.class)
public class CodecRoundTripTest {
    private static final String BAG_JSON = "{\"points\":[{\"x\":1,\"y\":2},{\"x\":-3,\"y\":400000}],\"counts"
            + "\":{\"one\":1},"
            + "\"note\":\"a note with \\\"quotes\\\", \\\\ and \u00e9\u4e2d\ud83d\ude00\",\"color\":\"GREEN\","
            + "\"shape\":{\"type\":\"rect\",\"min\":{\"x\":0,\"y\":0},\"max\":{\"x\":10,\"y\":20},\"color\":\"BLUE\"},"
            + "\"scalars\":{\"s\":\"s\\n\\t\\u0001\",\"i\":-2147483648,\"l\":9223372036854775807,\"d\":0.1,\"b\":true,"
            + "\"bytes\":\"AP9/gCo=\"},\"sparse\":[9007199254740993,null,-9223372036854775808]}";

    record Tree(String label, List<Tree> children) {
    }

    static final Codec<Tree> TREE = Codecs.record(Tree::new,
            field("label", Codecs.strings(), Tree::label),
            field("children", Codecs.lists(Codecs.lazy(() -> CodecRoundTripTest.TREE)), Tree::children));

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
        }
    }

    @Test
    public void writesTheDocumentedJson() {
        assertEquals(BAG_JSON, text(Serializers.json(Samples.BAG).serialize(Samples.sampleBag())));
    }

    @Test
    public void roundTripsEveryCombinatorInBothFormats() {
        for (Serializer<Bag> s : List.of(Serializers.json(Samples.BAG), Serializers.binary(Samples.BAG))) {
            Bag bag = Samples.sampleBag();
            assertEquals(bag, s.deserialize(s.serialize(bag)));
            Bag sparse = new Bag(List.of(), new LinkedHashMap<>(), Optional.empty(), "present", Color.RED,
                    new Nothing(), new Samples.Scalars("", 0, 0, -0.0, false, new byte[0]), List.of());
            assertEquals(sparse, s.deserialize(s.serialize(sparse)));
            Bag circle = new Bag(List.of(), Map.of(), Optional.of(""), null, Color.BLUE,
                    new Circle(new Point(-1, 1), 1e-300),
                    new Samples.Scalars("\ud83d\ude00", 1, -1, 1e300, true, new byte[1]),
                    List.of(Optional.empty()));
            assertEquals(circle, s.deserialize(s.serialize(circle)));
        }
    }

    @Test
    public void roundTripsScalarEdges() {
        for (boolean json : new boolean[] {true, false}) {
            for (long l : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 9007199254740993L, -9007199254740993L,
                    1L << 62}) {
                assertEquals(l, (long) roundTrip(Codecs.longs(), l, json));
            }
            for (int i : new int[] {0, 1, -1, 63, 64, -64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
                assertEquals(i, (int) roundTrip(Codecs.ints(), i, json));
            }
            for (double d : new double[] {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, 0.1, 1e23,
                    Math.PI}) {
                assertEquals(Double.doubleToRawLongBits(d),
                        Double.doubleToRawLongBits(roundTrip(Codecs.doubles(), d, json)));
            }
            for (String str : new String[] {"", "a", "\u0000\u001f\"\\/", "\u00ff\u0800\uffff",
                    "\ud800\udc00\udbff\udfff"}) {
                assertEquals(str, roundTrip(Codecs.strings(), str, json));
            }
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            for (int n = 0; n < 5; n++) {
                byte[] b = Arrays.copyOf(all, n);
                assertArrayEquals(b, roundTrip(Codecs.bytes(), b, json));
            }
            assertArrayEquals(all, roundTrip(Codecs.bytes(), all, json));
            assertEquals(Boolean.FALSE, roundTrip(Codecs.booleans(), false, json));
        }
        Serializer<Double> binary = Serializers.binary(Codecs.doubles());
        assertTrue(Double.isNaN(binary.deserialize(binary.serialize(Double.NaN))));
        assertEquals(Double.NEGATIVE_INFINITY, binary.deserialize(binary.serialize(Double.NEGATIVE_INFINITY)), 0.0);
    }

    @Test
    public void writesLongsBeyondDoublePrecisionExactly() {
        assertEquals("[9007199254740993,-9223372036854775808,9223372036854775807]",
                text(Serializers.json(Codecs.lists(Codecs.longs()))
                        .serialize(List.of(9007199254740993L, Long.MIN_VALUE, Long.MAX_VALUE))));
        assertRejects(Codecs.longs(), "9223372036854775808", "out of long range");
        assertRejects(Codecs.longs(), "-9223372036854775809", "out of long range");
        assertRejects(Codecs.ints(), "2147483648", "out of int range");
        assertRejects(Codecs.ints(), "1.0", "expected an integer");
        assertRejects(Codecs.ints(), "1e2", "expected an integer");
    }

    @Test
    public void recursiveAndMappedCodecs() {
        Tree tree = new Tree("root",
                List.of(new Tree("a", List.of()), new Tree("b", List.of(new Tree("c", List.of())))));
        assertEquals(tree, roundTrip(TREE, tree, true));
        assertEquals(tree, roundTrip(TREE, tree, false));
        Codec<Integer> digits = Codecs.strings().map(Integer::valueOf, String::valueOf);
        assertEquals("\"42\"", text(Serializers.json(digits).serialize(42)));
        assertEquals(-7, (int) roundTrip(digits, -7, false));
        assertRejects(digits, "\"x7\"", "decode function rejected");
    }

    @Test
    public void ignoresUnknownMembersAndFillsMissingOptionalOnes() {
        Serializer<Point> points = Serializers.json(Samples.POINT);
        assertEquals(new Point(1, 2), points.deserialize(utf8(
                "{\"w\":\"\\u00e9\",\"x\":1,\"z\":{\"deep\":[1,2.5e3,{\"a\":null}],\"t\":true},"
                + "\"y\":2,\"\u00e9\":[]}")));
        assertEquals(new Point(3, 4), points.deserialize(utf8("{\"y\":4,\"\\u0078\":3}")));
        Serializer<Bag> bags = Serializers.json(Samples.BAG);
        String minimal = "{\"points\":[],\"counts\":{},\"color\":\"RED\",\"shape\":{\"type\":\"nothing\"},"
                + "\"scalars\":{\"s\":\"\",\"i\":0,\"l\":0,\"d\":0,\"b\":false,\"bytes\":\"\"},\"sparse\":[]}";
        Bag bag = bags.deserialize(utf8(minimal));
        assertEquals(Optional.empty(), bag.note());
        assertNull(bag.maybe());
        String explicitNulls = minimal.replace("\"color\"", "\"note\":null,\"maybe\":null,\"color\"");
        assertEquals(bag, bags.deserialize(utf8(explicitNulls)));
    }

    @Test
    public void usesDefaultsForMissingFields() {
        Codec<Point> withDefault = Codecs.record(Point::new,
                field("x", Codecs.ints(), Point::x),
                field("y", Codecs.ints(), Point::y).withDefault(7));
        assertEquals(new Point(1, 7), Serializers.json(withDefault).deserialize(utf8("{\"x\":1}")));
        assertEquals(new Point(1, 2), Serializers.json(withDefault).deserialize(utf8("{\"x\":1,\"y\":2}")));
    }

    @Test
    public void anUnknownEnumConstantOrUnionTagIsDescribedByItsLengthNeverByTheStoredText() {
        for (String json : List.of(BAG_JSON.replace("\"BLUE\"", "\"PURPLE\""),
                BAG_JSON.replace("\"rect\"", "\"hexagon\""))) {
            try {
                Serializers.json(Samples.BAG).deserialize(utf8(json));
                fail("accepted " + json);
            } catch (SerializationException e) {
                assertTrue(e.getMessage(), !e.getMessage().contains("PURPLE") && !e.getMessage().contains("hexagon"));
                assertTrue(e.toString(), !e.toString().contains("PURPLE") && !e.toString().contains("hexagon"));
            }
        }
    }

    @Test
    public void namesTheFieldPathOfWhatIsMissingOrWrong() {
        assertRejects(Samples.POINT, "{\"x\":1}", "missing required field \"y\" at $ (byte 7)");
        assertRejects(Samples.BAG, BAG_JSON.replace("{\"x\":-3,\"y\":400000}", "{\"x\":-3}"),
                "missing required field \"y\" at $.points[1] (byte ");
        assertRejects(Samples.BAG, BAG_JSON.replace("\"i\":-2147483648", "\"i\":\"-2\""),
                "expected a number at $.scalars.i (byte ");
        assertRejects(Samples.BAG, BAG_JSON.replace("\"BLUE\"", "\"PURPLE\""),
                "unknown enum constant of 6 characters at $.shape.color");
        assertRejects(Samples.BAG, BAG_JSON.replace("\"rect\"", "\"hexagon\""),
                "unknown union tag of 7 characters at $.shape");
        assertRejects(Samples.BAG, BAG_JSON.replace("AP9/gCo=", "AP9/gCo"),
                "base64 length is not a multiple of 4 at $.scalars.bytes");
        assertRejects(Samples.BAG, BAG_JSON.replace("AP9/gCo=", "AP9*gCo="),
                "invalid base64 character at $.scalars.bytes");
        assertRejects(Samples.POINT, "{\"x\":1,\"y\":2,\"x\":3}", "member \"x\" appears twice");
        assertRejects(Codecs.maps(Codecs.ints()), "{\"a\":1,\"a\":2}", "duplicate key \"a\"");
        assertRejects(Samples.POINT, "[1,2]", "expected an object at $ (byte 0)");
        assertRejects(Codecs.lists(Samples.POINT), "[{\"x\":1,\"y\":2},null]", "expected an object at $[1] (byte 15)");
        Codec<Positive> positive = Codecs.record(Positive::new, field("value", Codecs.ints(), Positive::value));
        assertRejects(positive, "{\"value\":0}", "the constructor rejected the value");
    }

    @Test
    public void refusesToWriteNullsWhereValuesAreRequired() {
        Bag bag = Samples.sampleBag();
        Bag noColor = new Bag(bag.points(), bag.counts(), bag.note(), bag.maybe(), null, bag.shape(), bag.scalars(),
                bag.sparse());
        List<Point> withNull = new ArrayList<>(bag.points());
        withNull.add(null);
        Bag nullPoint = new Bag(withNull, bag.counts(), bag.note(), bag.maybe(), bag.color(), bag.shape(),
                bag.scalars(), bag.sparse());
        for (Serializer<Bag> s : List.of(Serializers.json(Samples.BAG), Serializers.binary(Samples.BAG))) {
            assertWriteFails(s, noColor,
                    "null where a value is required (use Codecs.nullable or Codecs.optional) at $.color");
            assertWriteFails(s, nullPoint,
                    "null where a value is required (use Codecs.nullable or Codecs.optional) at $.points[2]");
            assertWriteFails(s, null, "null where a value is required (use Codecs.nullable or Codecs.optional) at $");
        }
    }

    @Test
    public void unionsAcceptTheTagAnywhere() {
        Serializer<Shape> shapes = Serializers.json(Samples.SHAPE);
        Shape circle = new Circle(new Point(1, 2), 0.5);
        assertEquals("{\"type\":\"circle\",\"center\":{\"x\":1,\"y\":2},\"radius\":0.5}",
                text(shapes.serialize(circle)));
        assertEquals(circle,
                shapes.deserialize(utf8("{\"center\":{\"x\":1,\"y\":2},\"radius\":0.5,\"type\":\"circle\"}")));
        assertEquals(new Nothing(), shapes.deserialize(utf8("{\"extra\":1,\"type\":\"nothing\"}")));
        assertEquals("{\"type\":\"nothing\"}", text(shapes.serialize(new Nothing())));
        assertEquals(new Rect(new Point(0, 0), new Point(1, 1), Color.RED),
                shapes.deserialize(utf8(
                        "{\"type\":\"rect\",\"min\":{\"x\":0,\"y\":0},\"max\":{\"x\":1,\"y\":1},\"color\":\"RED\"}")));
        assertRejects(Samples.SHAPE, "{\"center\":{\"x\":1,\"y\":2},\"radius\":0.5}", "missing union tag \"type\"");
        assertRejects(Samples.SHAPE, "{\"radius\":0.5,\"type\":\"circle\"}", "missing required field \"center\"");
        assertRejects(Samples.SHAPE, "{}", "missing union tag");
    }

    @Test
    public void keepsMapAndObjectOrder() {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        ordered.put("zeta", 1);
        ordered.put("alpha", 2);
        ordered.put("mid", 3);
        Serializer<Map<String, Integer>> json = Serializers.json(Codecs.maps(Codecs.ints()));
        assertEquals("{\"zeta\":1,\"alpha\":2,\"mid\":3}", text(json.serialize(ordered)));
        assertEquals(List.of("zeta", "alpha", "mid"),
                new ArrayList<>(json.deserialize(json.serialize(ordered)).keySet()));
        Serializer<JsonValue> values = Serializers.json(Codecs.json());
        Serializer<JsonValue> binaryValues = Serializers.binary(Codecs.json());
        JsonValue v = values.deserialize(utf8("{\"b\":[1,2.50,-0,1e+400,\"s\"],\"a\":{\"y\":null,\"x\":true}}"));
        assertEquals("{\"b\":[1,2.50,-0,1e+400,\"s\"],\"a\":{\"y\":null,\"x\":true}}", text(values.serialize(v)));
        assertEquals(v, binaryValues.deserialize(binaryValues.serialize(v)));
    }

    @Test
    public void enumsUseTheGivenConstantsOnly() {
        Codec<Color> some = Codecs.enums(Color.BLUE, Color.RED);
        assertArrayEquals(new byte[] {0}, Serializers.binary(some).serialize(Color.BLUE));
        assertEquals("\"RED\"", text(Serializers.json(some).serialize(Color.RED)));
        assertWriteFails(Serializers.binary(some), Color.GREEN, "GREEN is not among the codec's constants");
        assertWriteFails(Serializers.json(some), Color.GREEN, "GREEN is not among the codec's constants");
        assertRejects(some, "\"GREEN\"", "unknown enum constant of 5 characters");
    }

    @Test
    public void reportsSerializerFormatIds() {
        assertEquals(1, Serializers.json(Samples.POINT).formatId());
        assertEquals(2, Serializers.binary(Samples.POINT).formatId());
    }

    @Test
    public void rejectsNonsenseDescriptions() {
        expectIllegal(() -> Codecs.field("", Codecs.ints(), Point::x));
        expectIllegal(() -> Codecs.union(""));
        expectIllegal(() -> Codecs.<Shape>union("type")
                .variant("circle", Circle.class, Codecs.strings().map(s -> (Circle) null, c -> "")));
        expectIllegal(() -> Codecs.<Shape>union("center").variant("circle", Circle.class, Codecs.record(Circle::new,
                field("center", Samples.POINT, Circle::center), field("radius", Codecs.doubles(), Circle::radius))));
        expectIllegal(() -> Codecs.record(Point::new, field("x", Codecs.ints(), Point::x),
                field("x", Codecs.ints(), Point::y)));
        expectIllegal(() -> Codecs.enums(Color.RED, Color.RED));
        expectIllegal(() -> Serializers.json(Samples.POINT, 0));
        try {
            Codecs.<Shape>union("type").build();
            fail("built an empty union");
        } catch (IllegalStateException expected) {
            // a union needs variants
        }
    }

    private static void expectIllegal(Runnable r) {
        try {
            r.run();
            fail("accepted a nonsense description");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
        }
    }

    private static <T> T roundTrip(Codec<T> codec, T value, boolean json) {
        Serializer<T> s = json ? Serializers.json(codec) : Serializers.binary(codec);
        return s.deserialize(s.serialize(value));
    }

    private static <T> void assertWriteFails(Serializer<T> s, T value, String expected) {
        try {
            s.serialize(value);
            fail("wrote " + value);
        } catch (SerializationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }

    static <T> void assertRejects(Codec<T> codec, String json, String expected) {
        try {
            T v = Serializers.json(codec).deserialize(utf8(json));
            fail("accepted " + json + " as " + v);
        } catch (SerializationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
