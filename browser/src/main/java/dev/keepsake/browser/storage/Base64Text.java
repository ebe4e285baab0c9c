package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Standard Base64 (RFC 4648 section 4, with padding) between bytes and text, for
 * localStorage, which holds only strings.
 *
 * <p>Done by the browser's {@code btoa} and {@code atob} over a binary string: native code,
 * and no Base64 tables or loops in the build ({@code java.util.Base64} would also pull TeaVM's
 * charset and NIO buffer classes in). {@code atob} is forgiving (it skips whitespace and takes
 * missing padding), so decoding first checks that the text is canonical padded Base64 (whole
 * groups of four of the 64 characters, padding only at the end, and zero bits after the last
 * byte): anything else is rejected, and a value mangled by other code is reported, not misread.
 *
 * <p>Bytes cross between Java and JavaScript without copies in the JS build (a typed array over
 * the Java array's own memory); the wasm-gc build copies them once each way. In V8 every typed
 * array over 64 bytes is a separate allocation outside the heap, several microseconds each, so
 * each copy saved is a measurable part of a localStorage read.
 */
final class Base64Text {

    private Base64Text() {
    }

    /** Returns the padded Base64 text of {@code bytes}. */
    static String encode(byte[] bytes) {
        return encode(Bytes.view(bytes));
    }

    /**
     * Returns the bytes of canonical padded Base64 text.
     *
     * @throws IllegalArgumentException if {@code text} is anything else
     */
    static byte[] decode(String text) {
        return decode(text, 0);
    }

    /**
     * Returns the bytes of the canonical padded Base64 text that {@code text} holds from index
     * {@code from} on (the rest of a stored entry, without a Java substring).
     *
     * @throws IllegalArgumentException if that text is anything else
     */
    static byte[] decode(String text, int from) {
        Int8Array bytes = decodeCanonical(text, from);
        if (bytes == null) {
            throw new IllegalArgumentException("not canonical padded Base64");
        }
        return Bytes.adopt(bytes);
    }

    // Chunks of 32 Ki code units keep String.fromCharCode under engines' argument limits.
    @JSBody(params = "signed", script = "var bytes = new Uint8Array(signed.buffer, signed.byteOffset, signed.length);"
            + " var s = '';"
            + " for (var i = 0; i < bytes.length; i += 32768)"
            + "  s += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));"
            + " return btoa(s);")
    private static native String encode(Int8Array signed);

    // Canonical padded Base64 is whole groups of four of the 64 characters, the last group maybe
    // padded; the character before one '=' carries 2 bits after the data and before two '=' 4
    // bits, which must be zero: only the characters listed for each leave them so.
    @JSBody(params = {"whole", "from"}, script = "var text = from === 0 ? whole : whole.substring(from);"
            + " if (!/^(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+\\/][AQgw]==)?$/"
            + "   .test(text)) return null;"
            + " var s = atob(text);"
            + " var bytes = new Int8Array(s.length);"
            + " for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);"
            + " return bytes;")
    private static native Int8Array decodeCanonical(String whole, int from);
}
