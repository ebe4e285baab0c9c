package dev.keepsake.core.codec;

import java.util.List;
import java.util.Optional;

/**
 * Values nested to a given depth in the shapes that recurse hardest while reading and writing:
 * JSON trees of arrays and of objects, a record whose optional field is itself, a record with a
 * list of itself, an unknown member skipped, and a union whose tag follows the nested member
 * (read twice). Plain Java, so that TeaVM compiles it too.
 */
final class DeepShapes {

    record Node(Optional<Node> child, List<Node> more) {
    }

    interface Shape {
    }

    record Box(Optional<Shape> inner) implements Shape {
    }

    record Ignored() {
    }

    private static final Codec<Node> NODE = node();
    private static final Codec<Shape> SHAPE = shape();

    private DeepShapes() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Codec<Node> node() {
        Codec<Node>[] self = new Codec[1];
        self[0] = Codecs.record(Node::new,
                Codecs.field("child", Codecs.optional(Codecs.lazy(() -> self[0])), Node::child),
                Codecs.field("more", Codecs.lists(Codecs.lazy(() -> self[0])), Node::more));
        return self[0];
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Codec<Shape> shape() {
        Codec<Shape>[] self = new Codec[1];
        self[0] = Codecs.<Shape>union("type")
                .variant("box", Box.class, Codecs.record(Box::new,
                        Codecs.field("inner", Codecs.optional(Codecs.lazy(() -> self[0])), Box::inner)))
                .build();
        return self[0];
    }

    /**
     * Reads and writes every shape at exactly {@code depth} levels of nesting, with serializers
     * limited to {@code depth}, and checks each came back whole.
     *
     * @throws AssertionError if a shape did not round-trip
     */
    static void roundTripAll(int depth) {
        Serializer<JsonValue> tree = Serializers.json(Codecs.json(), depth);
        check("arrays", depth, depthOf(tree.deserialize(bytes(arrays(depth)))));
        check("objects", depth, depthOf(tree.deserialize(tree.serialize(objects(depth)))));
        check("arrays written", arrays(depth).length(), tree.serialize(nestedArrays(depth)).length);

        Serializer<Node> nodes = Serializers.json(NODE, depth);
        Node optionalChain = new Node(Optional.empty(), List.of());
        for (int i = 1; i < depth - 1; i++) { // the innermost record's empty list is one level more
            optionalChain = new Node(Optional.of(optionalChain), List.of());
        }
        check("record in optional", depth - 1, levels(nodes.deserialize(nodes.serialize(optionalChain))));
        Node listChain = new Node(Optional.empty(), List.of());
        for (int i = 1; i < depth / 2; i++) { // a record and a list per level
            listChain = new Node(Optional.empty(), List.of(listChain));
        }
        check("record in list", depth / 2, levels(nodes.deserialize(nodes.serialize(listChain))));
        Serializer<Node> binaryNodes = Serializers.binary(NODE);
        check("binary record in optional", depth - 1,
                levels(binaryNodes.deserialize(binaryNodes.serialize(optionalChain))));

        Serializer<Ignored> ignoring = Serializers.json(Codecs.record(Ignored::new), depth);
        ignoring.deserialize(bytes("{\"unknown\":" + arrays(depth - 1) + "}"));

        Serializer<Shape> shapes = Serializers.json(SHAPE, depth);
        StringBuilder tagLast = new StringBuilder();
        for (int i = 0; i < depth - 1; i++) {
            tagLast.append("{\"inner\":");
        }
        tagLast.append("{\"type\":\"box\"}");
        for (int i = 0; i < depth - 1; i++) {
            tagLast.append(",\"type\":\"box\"}");
        }
        Shape read = shapes.deserialize(bytes(tagLast.toString()));
        int boxes = 0;
        for (Shape s = read; s != null; s = ((Box) s).inner().orElse(null)) {
            boxes++;
        }
        check("union with its tag last", depth, boxes);
        Shape again = shapes.deserialize(shapes.serialize(read));
        boxes = 0;
        for (Shape s = again; s != null; s = ((Box) s).inner().orElse(null)) {
            boxes++;
        }
        check("union written", depth, boxes);
    }

    private static void check(String shape, int expected, int actual) {
        if (expected != actual) {
            throw new AssertionError(shape + ": expected " + expected + ", got " + actual);
        }
    }

    private static int levels(Node node) {
        int n = 0;
        for (Node at = node; at != null; at = at.child().isPresent() ? at.child().get()
                : at.more().isEmpty() ? null : at.more().get(0)) {
            n++;
        }
        return n;
    }

    static String arrays(int depth) {
        StringBuilder s = new StringBuilder(2 * depth);
        for (int i = 0; i < depth; i++) {
            s.append('[');
        }
        for (int i = 0; i < depth; i++) {
            s.append(']');
        }
        return s.toString();
    }

    private static JsonValue nestedArrays(int depth) {
        JsonValue v = new JsonArray(List.of());
        for (int i = 1; i < depth; i++) {
            v = new JsonArray(List.of(v));
        }
        return v;
    }

    private static JsonValue objects(int depth) {
        JsonValue v = new JsonObject(new java.util.LinkedHashMap<>());
        for (int i = 1; i < depth; i++) {
            java.util.Map<String, JsonValue> m = new java.util.LinkedHashMap<>();
            m.put("k", v);
            v = new JsonObject(m);
        }
        return v;
    }

    private static int depthOf(JsonValue v) {
        int n = 0;
        JsonValue at = v;
        while (at != null) {
            n++;
            if (at instanceof JsonArray a) {
                at = a.elements().isEmpty() ? null : a.elements().get(0);
            } else if (at instanceof JsonObject o) {
                at = o.members().isEmpty() ? null : o.members().values().iterator().next();
            } else {
                at = null;
            }
        }
        return n;
    }

    static byte[] bytes(String ascii) {
        byte[] out = new byte[ascii.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ascii.charAt(i);
        }
        return out;
    }
}
