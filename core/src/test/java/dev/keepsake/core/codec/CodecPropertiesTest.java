package dev.keepsake.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.core.codec.Samples.Bag;
import dev.keepsake.core.codec.Samples.Circle;
import dev.keepsake.core.codec.Samples.Color;
import dev.keepsake.core.codec.Samples.Nothing;
import dev.keepsake.core.codec.Samples.Point;
import dev.keepsake.core.codec.Samples.Rect;
import dev.keepsake.core.codec.Samples.Scalars;
import dev.keepsake.core.codec.Samples.Shape;
import dev.keepsake.core.error.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * JVM-only properties: random values round-trip in both formats, doubles convert exactly (the
 * JDK's correctly rounded parser is the oracle), and random or mutated bytes make the decoders
 * fail only with SerializationException.
 */
class CodecPropertiesTest {
    private static final Serializer<Bag> JSON = Serializers.json(Samples.BAG);
    private static final Serializer<Bag> BINARY = Serializers.binary(Samples.BAG);
    private static final Serializer<JsonValue> JSON_VALUES = Serializers.json(Codecs.json());
    private static final Serializer<JsonValue> BINARY_VALUES = Serializers.binary(Codecs.json());

    @Property(tries = 500)
    void bagsRoundTripInBothFormats(@ForAll("bags") Bag bag) {
        assertEquals(bag, JSON.deserialize(JSON.serialize(bag)));
        assertEquals(bag, BINARY.deserialize(BINARY.serialize(bag)));
    }

    @Property(tries = 300)
    void jsonValuesRoundTripInBothFormats(@ForAll("jsonValues") JsonValue value) {
        assertEquals(value, JSON_VALUES.deserialize(JSON_VALUES.serialize(value)));
        assertEquals(value, BINARY_VALUES.deserialize(BINARY_VALUES.serialize(value)));
    }

    @Property(tries = 5000)
    void doublesRoundTripThroughShortestText(@ForAll long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        DoubleText.format(d, sb);
        String text = sb.toString();
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(parse(text)), text);
        // never longer than the JDK's own text (not always shortest on Java 17), except that one
        // digit becomes the closest two, as Double.toString specifies since Java 19
        assertEquals(true, digits(text) <= Math.max(2, digits(Double.toString(d))), text + " vs " + Double.toString(d));
    }

    @Property(tries = 5000)
    void parsingMatchesTheJdk(@ForAll("decimalDigits") String digits, @ForAll @IntRange(min = 0, max = 40) int point,
            @ForAll @IntRange(min = -360, max = 360) int exponent, @ForAll boolean negative) {
        int p = Math.min(point, digits.length() - 1);
        String text = (negative ? "-" : "") + digits.substring(0, p + 1)
                + (p + 1 < digits.length() ? "." + digits.substring(p + 1) : "") + "e" + exponent;
        double expected = Double.parseDouble(text);
        if (Double.isInfinite(expected)) {
            assertEquals(true, Double.isInfinite(parse(text)), text);
        } else {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parse(text)), text);
        }
    }

    @Property(tries = 3000)
    void randomBytesOnlyEverFailCleanly(@ForAll @Size(max = 64) byte[] input) {
        decodeAll(input);
    }

    @Property(tries = 3000)
    void randomJsonishTextOnlyEverFailsCleanly(@ForAll("jsonish") String text) {
        decodeAll(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void mutatedEncodingsDecodeOrFailCleanly(@ForAll("bags") Bag bag, @ForAll long seed, @ForAll boolean json) {
        byte[] valid = json ? JSON.serialize(bag) : BINARY.serialize(bag);
        java.util.Random random = new java.util.Random(seed);
        byte[] mutated = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && mutated.length > 0; e++) {
            int i = random.nextInt(mutated.length);
            switch (random.nextInt(4)) {
                case 0 -> mutated[i] ^= (byte) (1 << random.nextInt(8));
                case 1 -> mutated[i] = (byte) random.nextInt(256);
                case 2 -> mutated = Arrays.copyOf(mutated, i);
                default -> {
                    byte[] longer = new byte[mutated.length + 1];
                    System.arraycopy(mutated, 0, longer, 0, i);
                    longer[i] = (byte) random.nextInt(256);
                    System.arraycopy(mutated, i, longer, i + 1, mutated.length - i);
                    mutated = longer;
                }
            }
        }
        decodeAll(mutated);
    }

    private static void decodeAll(byte[] input) {
        for (Serializer<?> s : List.of(JSON, BINARY, JSON_VALUES, BINARY_VALUES)) {
            try {
                s.deserialize(input);
            } catch (SerializationException expected) {
                // the only acceptable failure
            }
        }
    }

    private static double parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return DoubleText.parse(b, 0, b.length);
    }

    private static int digits(String doubleText) {
        int e = doubleText.indexOf('E');
        String mantissa = e < 0 ? doubleText : doubleText.substring(0, e);
        String all = mantissa.replace("-", "").replace(".", "");
        int start = 0;
        while (start < all.length() - 1 && all.charAt(start) == '0') {
            start++;
        }
        int end = all.length();
        while (end > start + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        return end - start;
    }

    @Provide
    Arbitrary<String> decimalDigits() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[],:\"\\0123456789.eE+-tuflsarn \u00e9\ud83d\ude00x").ofMaxLength(40);
    }

    static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0x10ffff)));
        return codePoint.list().ofMaxSize(12).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    static Arbitrary<Double> finiteDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble)
                        .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)),
                Arbitraries.integers().between(-100000, 100000).map(i -> i / 100.0));
    }

    @Provide
    Arbitrary<Bag> bags() {
        Arbitrary<Point> points = Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(Point::new);
        Arbitrary<Color> colors = Arbitraries.of(Color.class);
        Arbitrary<Shape> shapes = Arbitraries.oneOf(
                Combinators.combine(points, finiteDoubles()).as(Circle::new),
                Combinators.combine(points, points, colors).as(Rect::new),
                Arbitraries.just(new Nothing()));
        Arbitrary<Scalars> scalars = Combinators.combine(text(), Arbitraries.integers(), Arbitraries.longs(),
                finiteDoubles(),
                Arbitraries.of(true, false), Arbitraries.bytes().array(byte[].class).ofMaxSize(10)).as(Scalars::new);
        return Combinators.combine(
                points.list().ofMaxSize(5),
                Arbitraries.maps(text(), Arbitraries.integers()).ofMaxSize(4),
                text().optional(),
                text().injectNull(0.3),
                colors,
                shapes,
                scalars,
                Arbitraries.longs().optional().list().ofMaxSize(4)).as(Bag::new);
    }

    @Provide
    Arbitrary<JsonValue> jsonValues() {
        return jsonValue(3);
    }

    private Arbitrary<JsonValue> jsonValue(int depth) {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.just(JsonNull.INSTANCE),
                Arbitraries.of(true, false).map(JsonBoolean::of),
                Arbitraries.longs().map(JsonNumber::of),
                finiteDoubles().map(JsonNumber::of),
                text().map(JsonString::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonValue> child = Arbitraries.lazy(() -> jsonValue(depth - 1));
        return Arbitraries.oneOf(leaf,
                child.list().ofMaxSize(4).map(JsonArray::new),
                Arbitraries.maps(text(), child).ofMaxSize(4)
                        .map(m -> new JsonObject(new java.util.LinkedHashMap<>(m))));
    }
}
