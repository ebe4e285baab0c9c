package dev.keepsake.browser.js;

import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.JsonValue;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.codec.Serializers;
import java.util.Arrays;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * A value a page stored: JSON text (from the page's own {@code JSON.stringify}) or bytes (from a
 * {@code Uint8Array}). Immutable: the page gets a fresh {@code JSON.parse} or a fresh
 * {@code Uint8Array} copy every time, so it can never change a stored value behind the
 * library's back.
 *
 * <p>The JSON tree core stores is built from the text only when a value is written, so a
 * burst of {@code set}s parses once per batch, not once per call.
 */
final class JsValue {

    /**
     * The codecs stores and machines keep page values with. A class of their own, so that
     * only builds with stores and machines initialize them (and the JSON codecs they need):
     * {@code keepsake-kv.js} stores values with {@link ValueSerializer} alone.
     */
    static final class StoreCodecs {

        /** Stores JSON values as their JSON tree, so the stored form reads like the value. */
        static final Codec<JsValue> JSON = Codecs.json().map(JsValue::ofTree, JsValue::tree);

        /** Stores byte values as bytes (base64 in JSON). */
        static final Codec<JsValue> BYTES = Codecs.bytes().map(JsValue::ofBytes, JsValue::bytes);

        private static final Serializer<JsonValue> TREE = Serializers.json(Codecs.json());

        private StoreCodecs() {
        }
    }

    private final String json;
    private final byte[] bytes;
    private JsonValue tree;
    /** When a key-value entry expires (ms since the epoch), or 0 for never. */
    private long expiresAt;

    private JsValue(String json, byte[] bytes, JsonValue tree) {
        this.json = json;
        this.bytes = bytes;
        this.tree = tree;
    }

    /**
     * Returns the value of a JS value: a copy of a {@code Uint8Array}, else its JSON text.
     *
     * @throws IllegalArgumentException if {@code value} is not JSON-serializable
     */
    static JsValue fromJs(JSObject value, String what) {
        if (JsBytes.isUint8Array(value)) {
            return new JsValue(null, JsBytes.fromJs(value, what), null);
        }
        String text = stringify(value);
        if (text == null) {
            throw new IllegalArgumentException(what + " must be a JSON-serializable value or a Uint8Array: "
                    + describe(value));
        }
        return new JsValue(text, null, null);
    }

    /** Returns the JSON value whose text is {@code json} (trusted: it came from JSON.stringify or core). */
    static JsValue ofJson(String json) {
        return new JsValue(json, null, null);
    }

    static JsValue ofBytes(byte[] bytes) {
        return new JsValue(null, bytes, null);
    }

    static JsValue ofTree(JsonValue tree) {
        return new JsValue(JsText.decode(StoreCodecs.TREE.serialize(tree)), null, tree);
    }

    /** Returns this value expiring at {@code expiresAt} (ms since the epoch; 0: never). */
    JsValue expiringAt(long expiresAt) {
        JsValue copy = new JsValue(json, bytes, tree);
        copy.expiresAt = expiresAt;
        return copy;
    }

    long expiresAt() {
        return expiresAt;
    }

    boolean isBytes() {
        return bytes != null;
    }

    /** Returns the JSON text; only for JSON values. */
    String json() {
        return json;
    }

    byte[] bytes() {
        if (bytes == null) {
            throw new IllegalArgumentException("expected a Uint8Array value, found JSON");
        }
        return bytes;
    }

    /** Returns the JSON tree (parsed from the text on first use). */
    JsonValue tree() {
        if (json == null) {
            throw new IllegalArgumentException("expected a JSON value, found a Uint8Array");
        }
        if (tree == null) {
            tree = StoreCodecs.TREE.deserialize(JsText.encode(json));
        }
        return tree;
    }

    /** Returns a fresh JS value: a new Uint8Array, or the parsed JSON. */
    JSObject toJs() {
        return bytes != null ? JsBytes.toJs(bytes) : parse(json);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JsValue that)) {
            return false;
        }
        return expiresAt == that.expiresAt
                && (bytes != null ? Arrays.equals(bytes, that.bytes) : that.json != null && json.equals(that.json));
    }

    @Override
    public int hashCode() {
        return bytes != null ? Arrays.hashCode(bytes) : json.hashCode();
    }

    @Override
    public String toString() {
        return bytes != null ? "Uint8Array(" + bytes.length + ")" : json;
    }

    /** Returns JSON.stringify(value), or null for values JSON cannot represent (undefined, functions, cycles). */
    @JSBody(params = "value", script = "try { var text = JSON.stringify(value);"
            + " return typeof text === 'string' ? text : null; } catch (error) { return null; }")
    static native String stringify(JSObject value);

    @JSBody(params = "text", script = "return JSON.parse(text);")
    static native JSObject parse(String text);

    /** Returns whether {@code JSON.parse} accepts {@code text}. */
    @JSBody(params = "text", script = "try { JSON.parse(text); return true; } catch (e) { return false; }")
    static native boolean isJson(String text);

    @JSBody(params = "value", script = "try { return String(value); } catch (error) { return typeof value; }")
    private static native String describe(JSObject value);
}
