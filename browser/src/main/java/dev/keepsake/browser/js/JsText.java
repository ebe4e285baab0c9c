package dev.keepsake.browser.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * UTF-8 through the browser's own TextEncoder and TextDecoder: the class library's charset
 * machinery would add several kilobytes to keepsake.js for the same result.
 *
 * <p>One encoder and one decoder serve every call (making one costs more than a short text's
 * coding), and bytes cross without a copy in the JS build: the decoder reads the Java array's
 * own memory, and the encoder's output becomes the Java array. The wasm-gc build copies once.
 */
final class JsText {

    private static JSObject encoder;
    private static JSObject decoder;

    private JsText() {
    }

    static byte[] encode(String text) {
        if (encoder == null) {
            encoder = newEncoder();
        }
        return JsBytes.adopt(encode(encoder, text));
    }

    static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code bytes[offset, offset + length)}, read in place in the JS build. */
    static String decode(byte[] bytes, int offset, int length) {
        if (decoder == null) {
            decoder = newDecoder();
        }
        return decode(decoder, JsBytes.view(bytes), offset, length);
    }

    @JSBody(script = "return new TextEncoder();")
    private static native JSObject newEncoder();

    @JSBody(script = "return new TextDecoder();")
    private static native JSObject newDecoder();

    @JSBody(params = {"encoder", "text"}, script = "var u = encoder.encode(text);"
            + " return new Int8Array(u.buffer, u.byteOffset, u.length);")
    private static native Int8Array encode(JSObject encoder, String text);

    @JSBody(params = {"decoder", "bytes", "offset", "length"}, script = "return decoder.decode(offset === 0"
            + " && length === bytes.length ? bytes : bytes.subarray(offset, offset + length));")
    private static native String decode(JSObject decoder, Int8Array bytes, int offset, int length);
}
