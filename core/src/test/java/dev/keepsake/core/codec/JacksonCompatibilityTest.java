package dev.keepsake.core.codec;

import static dev.keepsake.core.codec.CodecRoundTripTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.keepsake.core.codec.Samples.Bag;
import dev.keepsake.core.codec.Samples.Circle;
import dev.keepsake.core.codec.Samples.Color;
import dev.keepsake.core.codec.Samples.Nothing;
import dev.keepsake.core.codec.Samples.Point;
import dev.keepsake.core.codec.Samples.Scalars;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * On the JVM, Jackson and core's codecs agree byte for byte on the JSON of the same records, and
 * each reads what the other wrote. Jackson needs its usual annotations on the records
 * ({@code @JsonTypeInfo} for the union, {@code @JsonInclude(NON_ABSENT)} for left-out
 * optional members) and the Jdk8Module for {@code Optional}.
 */
class JacksonCompatibilityTest {
    private final ObjectMapper jackson = new ObjectMapper().registerModule(new Jdk8Module());

    private List<Bag> bags() {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        ordered.put("z", -1);
        ordered.put("a", Integer.MAX_VALUE);
        return List.of(
                Samples.sampleBag(),
                new Bag(List.of(), ordered, Optional.empty(), "maybe", Color.RED, new Nothing(),
                        new Scalars("\u007f\u2028\ud800\udc00", 0, 0, -0.0, false, new byte[0]), List.of()),
                new Bag(List.of(new Point(0, 0)), Map.of(), Optional.of(""), null, Color.BLUE,
                        new Circle(new Point(5, -5), 1e-7),
                        new Scalars("", 1, -1, 123456.789, true, new byte[] {1, 2, 3}),
                        List.of(Optional.empty(), Optional.of(1L))));
    }

    @Test
    void jacksonWritesTheSameJsonAsCore() throws Exception {
        Serializer<Bag> core = Serializers.json(Samples.BAG);
        for (Bag bag : bags()) {
            assertEquals(jackson.writeValueAsString(bag), text(core.serialize(bag)));
        }
    }

    @Test
    void eachReadsWhatTheOtherWrote() throws Exception {
        Serializer<Bag> core = Serializers.json(Samples.BAG);
        for (Bag bag : bags()) {
            assertEquals(bag, core.deserialize(jackson.writeValueAsBytes(bag)));
            assertEquals(bag, jackson.readValue(core.serialize(bag), Bag.class));
        }
    }

    @Test
    void jsonValuesAreJsonToJackson() throws Exception {
        Serializer<JsonValue> core = Serializers.json(Codecs.json());
        String text = "{\"b\":[1,2.5,-0.001,123456789012345678901234567890,\"s\\n\"],\"a\":{\"y\":null,\"x\":true,"
                + "\"w\":false},\"e\":{}}";
        JsonValue value = core.deserialize(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, jackson.writeValueAsString(value));
        assertEquals(value, jackson.readValue(text, JsonValue.class));
    }
}
