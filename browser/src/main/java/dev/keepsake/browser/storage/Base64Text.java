package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * Standard Base64 (RFC 4648 section 4, with padding) between bytes and text, for
 * localStorage, which holds only strings.
 *
 * <p>Done by the browser's {@code btoa} and {@code atob} over a binary string: native code,
 * and no Base64 tables or loops in the build ({@code java.util.Base64} would also pull TeaVM's
 * charset and NIO buffer classes in). {@code atob} is forgiving (it skips whitespace and takes
 * missing padding), so decoding accepts only text that encodes back to itself: anything but
 * canonical padded Base64 is rejected, and a value mangled by other code is reported, not
 * misread.
 */
final class Base64Text {

    private Base64Text() {
    }

    /** Returns the padded Base64 text of {@code bytes}. */
    static String encode(byte[] bytes) {
        return encode(Bytes.toUint8Array(bytes));
    }

    /**
     * Returns the bytes of padded Base64 {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not canonical padded Base64
     */
    static byte[] decode(String text) {
        Uint8Array bytes = decodeCanonical(text);
        if (bytes == null) {
            throw new IllegalArgumentException("not canonical padded Base64");
        }
        return Bytes.fromUint8Array(bytes);
    }

    // Chunks of 32 Ki code units keep String.fromCharCode under engines' argument limits.
    @JSBody(params = "bytes", script = "var s = '';"
            + " for (var i = 0; i < bytes.length; i += 32768)"
            + "  s += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));"
            + " return btoa(s);")
    private static native String encode(Uint8Array bytes);

    /** Returns the bytes of {@code text}, or null unless it is canonical padded Base64. */
    @JSBody(params = "text", script = "var s;"
            + " try { s = atob(text); } catch (e) { return null; }"
            + " if (btoa(s) !== text) return null;"
            + " var bytes = new Uint8Array(s.length);"
            + " for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);"
            + " return bytes;")
    private static native Uint8Array decodeCanonical(String text);
}
