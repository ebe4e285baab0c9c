package dev.keepsake.core.codec;

import static dev.keepsake.core.codec.Codecs.field;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Core's JSON and binary codecs next to Jackson on the same data: a list of 1000 small records
 * ({@code items}, number- and field-heavy) and one document of about 100 KB ({@code document},
 * string-heavy). Throughput is in operations per second; multiply by the sizes printed at setup
 * for MB/s. Run with {@code mvn -B -Pbench -DskipTests verify -pl core -am -Djmh.args=CodecBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
    public enum Category { BOOKS, GAMES, TOOLS, FOOD }

    public record Item(int id, String name, double price, boolean active, Category category, long stock,
            List<String> tags) {
    }

    public record Section(String heading, List<String> paragraphs, Map<String, Long> counters) {
    }

    public record Document(String title, List<Section> sections) {
    }

    static final Codec<Item> ITEM = Codecs.record(Item::new,
            field("id", Codecs.ints(), Item::id),
            field("name", Codecs.strings(), Item::name),
            field("price", Codecs.doubles(), Item::price),
            field("active", Codecs.booleans(), Item::active),
            field("category", Codecs.enums(Category.values()), Item::category),
            field("stock", Codecs.longs(), Item::stock),
            field("tags", Codecs.lists(Codecs.strings()), Item::tags));
    static final Codec<Section> SECTION = Codecs.record(Section::new,
            field("heading", Codecs.strings(), Section::heading),
            field("paragraphs", Codecs.lists(Codecs.strings()), Section::paragraphs),
            field("counters", Codecs.maps(Codecs.longs()), Section::counters));
    static final Codec<Document> DOCUMENT = Codecs.record(Document::new,
            field("title", Codecs.strings(), Document::title),
            field("sections", Codecs.lists(SECTION), Document::sections));

    @Param({"items", "document"})
    public String data;

    private Object value;
    private Class<?> type;
    private Serializer<Object> json;
    private Serializer<Object> binary;
    private ObjectMapper jackson;
    private byte[] jsonBytes;
    private byte[] binaryBytes;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        Codec<?> codec;
        if (data.equals("items")) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                items.add(new Item(i, "item number " + i, 0.25 * (i % 400) + 1.99, i % 3 != 0,
                        Category.values()[i % 4], 1_000_000L * i, List.of("tag" + (i % 7), "sale")));
            }
            value = new Items(items);
            codec = Codecs.record(Items::new, field("items", Codecs.lists(ITEM), Items::items));
            type = Items.class;
        } else {
            List<Section> sections = new ArrayList<>();
            for (int s = 0; s < 40; s++) {
                List<String> paragraphs = new ArrayList<>();
                for (int p = 0; p < 5; p++) {
                    paragraphs.add(("Paragraph " + p + " of section " + s
                            + ": the quick brown fox jumps over the lazy dog, "
                            + "caf\u00e9 \u00fcber na\u00efve \u2014 \"quoted\" text\twith a tab. ").repeat(4));
                }
                Map<String, Long> counters = new LinkedHashMap<>();
                counters.put("words", 1234L * s);
                counters.put("views", 9_007_199_254_740_993L - s);
                sections.add(new Section("Section " + s, paragraphs, counters));
            }
            value = new Document("A document of about a hundred kilobytes", sections);
            codec = DOCUMENT;
            type = Document.class;
        }
        json = Serializers.json((Codec<Object>) codec);
        binary = Serializers.binary((Codec<Object>) codec);
        jackson = new ObjectMapper();
        jsonBytes = json.serialize(value);
        binaryBytes = binary.serialize(value);
        if (!new String(jsonBytes, java.nio.charset.StandardCharsets.UTF_8).equals(jackson.writeValueAsString(value))) {
            throw new IllegalStateException("core and Jackson disagree on the JSON");
        }
        System.err.println("\n" + data + ": JSON " + jsonBytes.length + " bytes, binary " + binaryBytes.length
                + " bytes");
    }

    /** The list of items, wrapped so that both libraries see one object. */
    public record Items(List<Item> items) {
    }

    @Benchmark
    public byte[] coreJsonEncode() {
        return json.serialize(value);
    }

    @Benchmark
    public Object coreJsonDecode() {
        return json.deserialize(jsonBytes);
    }

    @Benchmark
    public byte[] jacksonJsonEncode() throws Exception {
        return jackson.writeValueAsBytes(value);
    }

    @Benchmark
    public Object jacksonJsonDecode() throws Exception {
        return jackson.readValue(jsonBytes, type);
    }

    @Benchmark
    public byte[] coreBinaryEncode() {
        return binary.serialize(value);
    }

    @Benchmark
    public Object coreBinaryDecode() {
        return binary.deserialize(binaryBytes);
    }
}
