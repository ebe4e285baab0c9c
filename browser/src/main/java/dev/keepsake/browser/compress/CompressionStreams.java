package dev.keepsake.browser.compress;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The browser's {@code CompressionStream} and {@code DecompressionStream} (Compression Streams
 * standard), fed from a {@code Blob} and drained by a reader; results arrive through callbacks
 * because the streams settle in later tasks. No logic beyond the output bound lives here.
 */
final class CompressionStreams {

    private CompressionStreams() {
    }

    /** Returns whether both stream classes exist (Chromium 80+, Firefox 113+, Safari 16.4+). */
    @JSBody(script = "return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function'"
            + " && typeof Blob === 'function' && typeof Blob.prototype.stream === 'function';")
    static native boolean isPresent();

    /** Compresses {@code input} in {@code format} ("gzip", "deflate", "deflate-raw"). */
    @JSBody(params = {"format", "input", "onDone", "onError"},
            script = "var chunks = []; var total = 0; var reader;"
                    + " try {"
                    + "  reader = new Blob([input]).stream().pipeThrough(new CompressionStream(format)).getReader();"
                    + " } catch (error) { onError(String(error && error.name), String(error && error.message)); "
                    + "return; }"
                    + " var pump = function () { reader.read().then(function (step) {"
                    + "  if (step.done) {"
                    + "   var out = new Int8Array(total); var offset = 0;"
                    + "   for (var index = 0; index < chunks.length; index++) {"
                    + "    out.set(chunks[index], offset); offset += chunks[index].length; }"
                    + "   onDone(out); return; }"
                    + "  var chunk = step.value;"
                    + "  chunks.push(new Int8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));"
                    + "  total += chunk.byteLength; pump();"
                    + " }, function (error) { onError(String(error && error.name), String(error && error.message)); "
                    + "}); };"
                    + " pump();")
    static native void compress(String format, Int8Array input, Done onDone, Failed onError);

    /**
     * Decompresses {@code input} in {@code format}, cancelling the stream and failing with a
     * {@code RangeError} as soon as the output passes {@code limit} bytes.
     */
    @JSBody(params = {"format", "input", "limit", "onDone", "onError"},
            script = "var chunks = []; var total = 0; var reader;"
                    + " try {"
                    + "  reader = new Blob([input]).stream().pipeThrough(new DecompressionStream(format)).getReader();"
                    + " } catch (error) { onError(String(error && error.name), String(error && error.message)); "
                    + "return; }"
                    + " var pump = function () { reader.read().then(function (step) {"
                    + "  if (step.done) {"
                    + "   var out = new Int8Array(total); var offset = 0;"
                    + "   for (var index = 0; index < chunks.length; index++) {"
                    + "    out.set(chunks[index], offset); offset += chunks[index].length; }"
                    + "   onDone(out); return; }"
                    + "  var chunk = step.value;"
                    + "  total += chunk.byteLength;"
                    + "  if (total > limit) {"
                    + "   reader.cancel().catch(function () {});"
                    + "   onError('RangeError', 'output exceeds ' + limit + ' bytes'); return; }"
                    + "  chunks.push(new Int8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)); pump();"
                    + " }, function (error) { onError(String(error && error.name), String(error && error.message)); "
                    + "}); };"
                    + " pump();")
    static native void decompress(String format, Int8Array input, int limit, Done onDone, Failed onError);

    /** Receives the whole output. */
    @JSFunctor
    interface Done extends JSObject {
        void done(Int8Array output);
    }

    /** Receives the name and message of what the stream threw. */
    @JSFunctor
    interface Failed extends JSObject {
        void failed(String name, String message);
    }
}
