package dev.keepsake.browser.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * UTF-8 through the browser's own TextEncoder and TextDecoder: the class library's charset
 * machinery would add several kilobytes to keepsake.js for the same result.
 */
final class JsText {

    /** One encoder and one decoder for the page, made on first use (one per value cost 2 µs each). */
    private static JSObject encoder;
    private static JSObject decoder;

    private JsText() {
    }

    static byte[] encode(String text) {
        if (encoder == null) {
            encoder = newEncoder();
        }
        return JsBytes.fromJs(encodeJs(encoder, text), "text");
    }

    static String decode(byte[] bytes) {
        if (decoder == null) {
            decoder = newDecoder();
        }
        // TextDecoder reads any view of bytes: the signed copy is decoded as it is.
        return decodeJs(decoder, Int8Array.copyFromJavaArray(bytes));
    }

    @JSBody(script = "return new TextEncoder();")
    private static native JSObject newEncoder();

    @JSBody(script = "return new TextDecoder();")
    private static native JSObject newDecoder();

    @JSBody(params = {"encoder", "text"}, script = "return encoder.encode(text);")
    private static native JSObject encodeJs(JSObject encoder, String text);

    @JSBody(params = {"decoder", "bytes"}, script = "return decoder.decode(bytes);")
    private static native String decodeJs(JSObject decoder, JSObject bytes);
}
