package dev.keepsake.core.codec;

import java.util.Map;

/**
 * A map with string keys: a JSON object in the map's iteration order; in binary an entry count
 * then key and value pairs. Decodes to an unmodifiable map in input order ({@link StringMap}, so
 * that colliding keys stay cheap in the browser); a key seen twice is an error rather than a
 * silent overwrite.
 */
final class MapCodec<V> extends Codec<Map<String, V>> {
    private final Codec<V> value;

    MapCodec(Codec<V> value) {
        this.value = value;
    }

    @Override
    void writeJson(Map<String, V> map, JsonWriter out) {
        out.enter();
        out.raw((byte) '{');
        boolean first = true;
        for (Map.Entry<String, V> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                throw new CodecFailure("null map key", -1);
            }
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            out.string(key);
            out.raw((byte) ':');
            try {
                Codec.requireValue(value, e.getValue());
                value.writeJson(e.getValue(), out);
            } catch (CodecFailure f) {
                throw f.inField(key);
            }
        }
        out.raw((byte) '}');
        out.exit();
    }

    @Override
    Map<String, V> readJson(JsonReader in) {
        in.beginObject();
        StringMap<V> map = new StringMap<>();
        String key;
        while ((key = in.nextKey(map.isEmpty())) != null) {
            if (map.containsKey(key)) {
                throw in.error("duplicate key \"" + key + "\"");
            }
            try {
                map.add(key, value.readJson(in));
            } catch (CodecFailure f) {
                throw f.inField(key);
            }
        }
        return map;
    }

    @Override
    void writeBinary(Map<String, V> map, BinaryWriter out) {
        out.enter();
        out.writeVarint(map.size());
        for (Map.Entry<String, V> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                throw new CodecFailure("null map key", -1);
            }
            out.writeString(key);
            try {
                Codec.requireValue(value, e.getValue());
                value.writeBinary(e.getValue(), out);
            } catch (CodecFailure f) {
                throw f.inField(key);
            }
        }
        out.exit();
    }

    @Override
    Map<String, V> readBinary(BinaryReader in) {
        in.enter();
        int n = in.readLength(1 + value.minBinarySize());
        StringMap<V> map = new StringMap<>();
        for (int i = 0; i < n; i++) {
            int position = in.position();
            String key = in.readString();
            if (map.containsKey(key)) {
                throw new CodecFailure("duplicate key \"" + key + "\"", position);
            }
            try {
                map.add(key, value.readBinary(in));
            } catch (CodecFailure f) {
                throw f.inField(key);
            }
        }
        in.exit();
        return map;
    }
}
