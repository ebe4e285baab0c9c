package dev.keepsake.core.store;

import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.JsonNumber;
import dev.keepsake.core.codec.JsonObject;
import dev.keepsake.core.codec.JsonValue;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.error.SerializationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Stores a store's state with its schema version, {@code {"version": 3, "state": ...}} in
 * JSON, and migrates older versions on the way in: each migration turns the JSON tree of
 * version {@code n} into that of {@code n + 1}, so old data never needs old classes.
 *
 * <p>A stored version newer than {@link #version} is refused with a
 * {@link SerializationException} and remembered ({@link #sawNewerVersion()}), so the store can
 * refuse to overwrite data written by newer code.
 */
final class VersionedSerializer<P> implements Serializer<Snapshot<P>> {

    private final int version;
    private final Map<Integer, UnaryOperator<JsonValue>> migrations;
    private final Serializer<Snapshot<P>> current;
    private final Serializer<JsonValue> tree = Serializers.json(Codecs.json());
    private volatile boolean sawNewerVersion;

    VersionedSerializer(Codec<P> state, int version, Map<Integer, UnaryOperator<JsonValue>> migrations) {
        this.version = version;
        this.migrations = new LinkedHashMap<>(migrations);
        this.current = Serializers.json(Snapshot.codec(state));
    }

    @Override
    public byte[] serialize(Snapshot<P> value) {
        return current.serialize(value);
    }

    @Override
    public Snapshot<P> deserialize(byte[] bytes) {
        JsonValue parsed = tree.deserialize(bytes);
        if (!(parsed instanceof JsonObject object)) {
            throw new SerializationException(null, null, "stored state is not a versioned snapshot object", null);
        }
        int stored = versionOf(object);
        if (stored == version) {
            return current.deserialize(bytes);
        }
        if (stored > version) {
            sawNewerVersion = true;
            throw new SerializationException(null, null, "stored state has schema version " + stored
                    + ", newer than this code's " + version + "; refusing to read or overwrite it", null);
        }
        JsonValue state = object.members().get("state");
        if (state == null) {
            throw new SerializationException(null, null, "stored snapshot has no \"state\" member", null);
        }
        for (int v = stored; v < version; v++) {
            UnaryOperator<JsonValue> step = migrations.get(v);
            if (step == null) {
                throw new SerializationException(null, null, "no migration from schema version " + v
                        + " to " + (v + 1), null);
            }
            try {
                state = step.apply(state);
            } catch (RuntimeException e) {
                throw new SerializationException(null, null, "migration from schema version " + v + " failed: "
                        + e.getMessage(), e);
            }
            if (state == null) {
                throw new SerializationException(null, null, "migration from schema version " + v
                        + " returned null", null);
            }
        }
        Map<String, JsonValue> migrated = new LinkedHashMap<>();
        migrated.put("version", JsonNumber.of(version));
        migrated.put("state", state);
        Snapshot<P> result = current.deserialize(tree.serialize(new JsonObject(migrated)));
        return new Snapshot<>(result.version(), result.state(), true, 0);
    }

    @Override
    public int formatId() {
        return Serializer.JSON;
    }

    boolean sawNewerVersion() {
        return sawNewerVersion;
    }

    private static int versionOf(JsonObject object) {
        JsonValue v = object.members().get("version");
        if (!(v instanceof JsonNumber number)) {
            throw new SerializationException(null, null, "stored snapshot has no numeric \"version\" member", null);
        }
        String text = number.text();
        int result = 0;
        if (text.isEmpty() || text.length() > 9) {
            throw new SerializationException(null, null, "schema version out of range: " + text, null);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new SerializationException(null, null, "schema version is not a whole number: " + text, null);
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
