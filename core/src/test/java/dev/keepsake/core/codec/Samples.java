package dev.keepsake.core.codec;

import static dev.keepsake.core.codec.Codecs.field;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Sample types and their codecs, shared by the codec tests on every platform. */
final class Samples {
    private Samples() {
    }

    enum Color { RED, GREEN, BLUE }

    record Point(int x, int y) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @JsonSubTypes.Type(value = Rect.class, name = "rect"),
        @JsonSubTypes.Type(value = Nothing.class, name = "nothing")})
    sealed interface Shape permits Circle, Rect, Nothing {
    }

    record Circle(Point center, double radius) implements Shape {
    }

    record Rect(Point min, Point max, Color color) implements Shape {
    }

    record Nothing() implements Shape {
    }

    /** Every scalar kind. */
    record Scalars(String s, int i, long l, double d, boolean b, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Scalars x && s.equals(x.s) && i == x.i && l == x.l
                    && Double.doubleToLongBits(d) == Double.doubleToLongBits(x.d) && b == x.b
                    && Arrays.equals(bytes, x.bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(s, i, l, d, b, Arrays.hashCode(bytes));
        }

        @Override
        public String toString() {
            return "Scalars[" + s + ", " + i + ", " + l + ", " + d + ", " + b + ", " + Arrays.toString(bytes) + "]";
        }
    }

    /** Every composite kind. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record Bag(List<Point> points, Map<String, Integer> counts, Optional<String> note, String maybe,
            Color color, Shape shape, Scalars scalars, List<Optional<Long>> sparse) {
    }

    static final Codec<Point> POINT = Codecs.record(Point::new,
            field("x", Codecs.ints(), Point::x),
            field("y", Codecs.ints(), Point::y));

    static final Codec<Color> COLOR = Codecs.enums(Color.values());

    static final Codec<Shape> SHAPE = Codecs.<Shape>union("type")
            .variant("circle", Circle.class, Codecs.record(Circle::new,
                    field("center", POINT, Circle::center),
                    field("radius", Codecs.doubles(), Circle::radius)))
            .variant("rect", Rect.class, Codecs.record(Rect::new,
                    field("min", POINT, Rect::min),
                    field("max", POINT, Rect::max),
                    field("color", COLOR, Rect::color)))
            .variant("nothing", Nothing.class, Codecs.record(Nothing::new))
            .build();

    static final Codec<Scalars> SCALARS = Codecs.record(Scalars::new,
            field("s", Codecs.strings(), Scalars::s),
            field("i", Codecs.ints(), Scalars::i),
            field("l", Codecs.longs(), Scalars::l),
            field("d", Codecs.doubles(), Scalars::d),
            field("b", Codecs.booleans(), Scalars::b),
            field("bytes", Codecs.bytes(), Scalars::bytes));

    static final Codec<Bag> BAG = Codecs.record(Bag::new,
            field("points", Codecs.lists(POINT), Bag::points),
            field("counts", Codecs.maps(Codecs.ints()), Bag::counts),
            field("note", Codecs.optional(Codecs.strings()), Bag::note),
            field("maybe", Codecs.nullable(Codecs.strings()), Bag::maybe),
            field("color", COLOR, Bag::color),
            field("shape", SHAPE, Bag::shape),
            field("scalars", SCALARS, Bag::scalars),
            field("sparse", Codecs.lists(Codecs.optional(Codecs.longs())), Bag::sparse));

    static Bag sampleBag() {
        return new Bag(
                List.of(new Point(1, 2), new Point(-3, 400000)),
                Map.of("one", 1),
                Optional.of("a note with \"quotes\", \\ and \u00e9\u4e2d\ud83d\ude00"),
                null,
                Color.GREEN,
                new Rect(new Point(0, 0), new Point(10, 20), Color.BLUE),
                new Scalars("s\n\t\u0001", Integer.MIN_VALUE, Long.MAX_VALUE, 0.1, true,
                        new byte[] {0, -1, 127, -128, 42}),
                List.of(Optional.of(9007199254740993L), Optional.empty(), Optional.of(Long.MIN_VALUE)));
    }
}
