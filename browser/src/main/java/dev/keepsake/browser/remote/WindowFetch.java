package dev.keepsake.browser.remote;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * {@link FetchFunction} over the page's {@code fetch}: CORS mode, no cookies, no HTTP cache, a
 * redirect is a failure, and an {@code AbortController} that aborts when the timeout passes.
 * Thin by design: the bytes are copied across and everything else is {@link FetchTransport}'s.
 */
final class WindowFetch implements FetchFunction {

    @Override
    public void fetch(String url, String method, String authorization, byte[] body, int timeoutMillis, Answer answer) {
        send(url, method, authorization, body == null ? null : Int8Array.copyFromJavaArray(body), timeoutMillis,
                (status, bytes) -> answer.answered(status, bytes.copyToJavaArray()),
                answer::failed);
    }

    @JSBody(params = {"url", "method", "authorization", "body", "timeoutMillis", "onAnswer", "onFailure"},
            script = "var failed = function (error) {"
                    + " onFailure(String(error && error.name), String(error && error.message)); };"
                    + "try {"
                    + " var controller = new AbortController();"
                    + " var timer = setTimeout(function () { controller.abort(); }, timeoutMillis);"
                    + " var headers = {'Authorization': authorization};"
                    + " if (body !== null) { headers['Content-Type'] = 'application/json'; }"
                    + " fetch(url, {method: method, headers: headers, body: body, mode: 'cors', credentials: 'omit',"
                    + "  cache: 'no-store', redirect: 'error', signal: controller.signal})"
                    + " .then(function (response) {"
                    + "  return response.arrayBuffer().then(function (buffer) {"
                    + "   clearTimeout(timer); onAnswer(response.status, new Int8Array(buffer)); });"
                    + " }).then(null, function (error) { clearTimeout(timer); failed(error); });"
                    + "} catch (error) { failed(error); }")
    private static native void send(String url, String method, String authorization, Int8Array body,
            int timeoutMillis, Answered onAnswer, Failed onFailure);

    /** Receives the status and body of an answer. */
    @JSFunctor
    interface Answered extends JSObject {
        void answered(int status, Int8Array body);
    }

    /** Receives the name and message of the rejection. */
    @JSFunctor
    interface Failed extends JSObject {
        void failed(String name, String message);
    }
}
