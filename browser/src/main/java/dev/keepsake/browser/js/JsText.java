package dev.keepsake.browser.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * UTF-8 through the browser's own TextEncoder and TextDecoder: the class library's charset
 * machinery would add several kilobytes to keepsake.js for the same result.
 */
final class JsText {

    private JsText() {
    }

    static byte[] encode(String text) {
        return JsBytes.fromJs(encodeJs(text), "text");
    }

    static String decode(byte[] bytes) {
        return decodeJs(JsBytes.toJs(bytes));
    }

    @JSBody(params = "text", script = "return new TextEncoder().encode(text);")
    private static native JSObject encodeJs(String text);

    @JSBody(params = "bytes", script = "return new TextDecoder().decode(bytes);")
    private static native String decodeJs(JSObject bytes);
}
