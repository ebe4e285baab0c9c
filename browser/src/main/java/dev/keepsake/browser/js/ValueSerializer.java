package dev.keepsake.browser.js;

import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.SerializationException;
import java.util.Objects;

/**
 * Stores the key-value layer's values so that {@code get} returns the kind {@code set} was
 * given: JSON text as UTF-8, or a Uint8Array's bytes behind a leading {@code 0x00} byte — a byte
 * that never starts JSON text, so the kind needs no separate header. A value that expires has
 * {@code 0x01} (which never starts JSON text either) and its expiry before it.
 *
 * <pre>
 * JSON value:   UTF-8 JSON text           ({"done":false} → 7B 22 64 ...)
 * bytes value:  00, then the bytes         (Uint8Array [1,2] → 00 01 02)
 * expiring:     01, the expiry in ms since the epoch (8 bytes, big-endian), then one of the above
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
        long expiresAt = value.expiresAt();
        int head = expiresAt == 0 ? 0 : 9;
        byte[] body = value.isBytes() ? value.bytes() : JsText.encode(value.json());
        int kind = value.isBytes() ? 1 : 0;
        if (head + kind == 0) {
            return body; // JSON text that never expires is its UTF-8 bytes as they are (a fresh array)
        }
        byte[] out = new byte[head + kind + body.length];
        if (head != 0) {
            out[0] = 1;
            for (int i = 0; i < 8; i++) {
                out[1 + i] = (byte) (expiresAt >>> (56 - 8 * i));
            }
        }
        System.arraycopy(body, 0, out, head + kind, body.length);
        return out;
    }

    @Override
    public JsValue deserialize(byte[] bytes) {
        return deserialize(bytes, 0, bytes.length);
    }

    /** Reads the value in place: only a bytes value is copied out (it becomes the page's). */
    @Override
    public JsValue deserialize(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            throw new SerializationException(null, null, "empty stored value", null);
        }
        if (bytes[offset] == 1 && length > 9) {
            long expiresAt = 0;
            for (int i = 1; i < 9; i++) {
                expiresAt = expiresAt << 8 | (bytes[offset + i] & 0xFF);
            }
            return deserialize(bytes, offset + 9, length - 9).expiringAt(expiresAt);
        }
        if (bytes[offset] == 0) {
            byte[] out = new byte[length - 1];
            System.arraycopy(bytes, offset + 1, out, 0, out.length);
            return JsValue.ofBytes(out);
        }
        String text = JsText.decode(bytes, offset, length);
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
