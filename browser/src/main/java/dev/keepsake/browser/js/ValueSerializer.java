package dev.keepsake.browser.js;

import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.SerializationException;

/**
 * Stores the key-value layer's values so that {@code get} returns the kind {@code set} was
 * given: JSON text as UTF-8, or a Uint8Array's bytes behind a leading {@code 0x00} byte — a byte
 * that never starts JSON text, so the kind needs no separate header.
 *
 * <pre>
 * JSON value:   UTF-8 JSON text           ({"done":false} → 7B 22 64 ...)
 * bytes value:  00, then the bytes         (Uint8Array [1,2] → 00 01 02)
 * </pre>
 *
 * <p>The text is the page's own {@code JSON.stringify} output and is handed back to
 * {@code JSON.parse}; the envelope's checksum or AEAD tag already guards it against damage, and
 * stored text that does not parse (which only a writer other than this layer can leave) is a
 * {@link CorruptedDataException}.
 */
final class ValueSerializer implements Serializer<JsValue> {

    /** A user-range format id (128–255), since this is not Keepsake's codec JSON. */
    static final int FORMAT_ID = 128;

    static final ValueSerializer INSTANCE = new ValueSerializer();

    private ValueSerializer() {
    }

    @Override
    public byte[] serialize(JsValue value) {
        if (!value.isBytes()) {
            return JsText.encode(value.json());
        }
        byte[] bytes = value.bytes();
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    @Override
    public JsValue deserialize(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException(null, null, "empty stored value", null);
        }
        if (bytes[0] == 0) {
            byte[] out = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, out, 0, out.length);
            return JsValue.ofBytes(out);
        }
        String text = JsText.decode(bytes);
        if (!JsValue.isJson(text)) {
            // Checked here, where the manager can still try backups, not when the page reads it.
            throw new CorruptedDataException(null, null, "the stored value is not JSON text", null);
        }
        return JsValue.ofJson(text);
    }

    @Override
    public int formatId() {
        return FORMAT_ID;
    }
}
