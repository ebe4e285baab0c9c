package dev.keepsake.core.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Any {@link JsonValue}. JSON: the value itself (an object's member names must be unique).
 * Binary: a kind byte — 0 null, 1 false, 2 true, 3 number (then its text as a string), 4 string,
 * 5 array (count, elements), 6 object (count, then name and value pairs).
 */
final class JsonValueCodec extends Codec<JsonValue> {
    static final JsonValueCodec INSTANCE = new JsonValueCodec();

    private JsonValueCodec() {
    }

    @Override
    void writeJson(JsonValue value, JsonWriter out) {
        if (value instanceof JsonObject o) {
            out.enter();
            out.raw((byte) '{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                if (!first) {
                    out.raw((byte) ',');
                }
                first = false;
                out.string(e.getKey());
                out.raw((byte) ':');
                writeJson(e.getValue(), out);
            }
            out.raw((byte) '}');
            out.exit();
        } else if (value instanceof JsonArray a) {
            out.enter();
            out.raw((byte) '[');
            List<JsonValue> elements = a.elements();
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.raw((byte) ',');
                }
                writeJson(elements.get(i), out);
            }
            out.raw((byte) ']');
            out.exit();
        } else if (value instanceof JsonString s) {
            out.string(s.value());
        } else if (value instanceof JsonNumber n) {
            out.numberText(n.text());
        } else if (value instanceof JsonBoolean b) {
            out.booleanValue(b.value());
        } else {
            out.nullValue();
        }
    }

    @Override
    JsonValue readJson(JsonReader in) {
        int c = in.peek();
        switch (c) {
            case '{' -> {
                in.beginObject();
                StringMap<JsonValue> members = new StringMap<>();
                String key;
                while ((key = in.nextKey(members.isEmpty())) != null) {
                    if (members.containsKey(key)) {
                        throw in.error("duplicate member \"" + key + "\"");
                    }
                    members.add(key, readJson(in));
                }
                return new JsonObject(members);
            }
            case '[' -> {
                in.beginArray();
                List<JsonValue> elements = new ArrayList<>();
                while (in.nextElement(elements.isEmpty())) {
                    elements.add(readJson(in));
                }
                return new JsonArray(elements);
            }
            case '"' -> {
                return new JsonString(in.readString());
            }
            case 't', 'f' -> {
                return JsonBoolean.of(in.readBoolean());
            }
            case 'n' -> {
                in.tryNull();
                return JsonNull.INSTANCE;
            }
            case -1 -> throw in.error("unexpected end of input, expected a value");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return new JsonNumber(in.readNumberText());
                }
                throw in.error("unexpected character, expected a value");
            }
        }
    }

    @Override
    void writeBinary(JsonValue value, BinaryWriter out) {
        if (value instanceof JsonObject o) {
            out.enter();
            out.writeByte(6);
            out.writeVarint(o.members().size());
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                out.writeString(e.getKey());
                writeBinary(e.getValue(), out);
            }
            out.exit();
        } else if (value instanceof JsonArray a) {
            out.enter();
            out.writeByte(5);
            out.writeVarint(a.elements().size());
            for (JsonValue v : a.elements()) {
                writeBinary(v, out);
            }
            out.exit();
        } else if (value instanceof JsonString s) {
            out.writeByte(4);
            out.writeString(s.value());
        } else if (value instanceof JsonNumber n) {
            out.writeByte(3);
            out.writeString(n.text());
        } else if (value instanceof JsonBoolean b) {
            out.writeByte(b.value() ? 2 : 1);
        } else {
            out.writeByte(0);
        }
    }

    @Override
    JsonValue readBinary(BinaryReader in) {
        int position = in.position();
        int kind = in.readByte();
        switch (kind) {
            case 0:
                return JsonNull.INSTANCE;
            case 1:
                return JsonBoolean.FALSE;
            case 2:
                return JsonBoolean.TRUE;
            case 3: {
                String text = in.readString();
                try {
                    return new JsonNumber(text);
                } catch (IllegalArgumentException e) {
                    throw new CodecFailure("invalid number text", position);
                }
            }
            case 4:
                return new JsonString(in.readString());
            case 5: {
                in.enter();
                int n = in.readLength(1);
                List<JsonValue> elements = new ArrayList<>(in.reserve(n));
                for (int i = 0; i < n; i++) {
                    elements.add(readBinary(in));
                }
                in.exit();
                return new JsonArray(elements);
            }
            case 6: {
                in.enter();
                int n = in.readLength(2);
                StringMap<JsonValue> members = new StringMap<>();
                for (int i = 0; i < n; i++) {
                    int keyPosition = in.position();
                    String key = in.readString();
                    if (members.containsKey(key)) {
                        throw new CodecFailure("duplicate member \"" + key + "\"", keyPosition);
                    }
                    members.add(key, readBinary(in));
                }
                in.exit();
                return new JsonObject(members);
            }
            default:
                throw new CodecFailure("invalid JSON value kind " + kind, position);
        }
    }
}
