package dev.keepsake.browser.remote;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.remote.Transport;

/**
 * {@link Transport} over {@code fetch}: the bearer token on every request, completing in a
 * later turn of the page's event loop. An answer with any status completes the request; no
 * answer (network failure, refused CORS, a redirect, the timeout) fails it with
 * {@link BackendUnavailableException}, whose message names the failure's kind but never the
 * token or the body.
 */
final class FetchTransport implements Transport {

    private final FetchFunction fetch;
    private final String base;
    private final String authorization;
    private final int timeoutMillis;

    FetchTransport(FetchFunction fetch, String base, String token, int timeoutMillis) {
        this.fetch = fetch;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = "Bearer " + token;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Async<Response> send(Request request) {
        Async.Completer<Response> done = Async.completer();
        try {
            fetch.fetch(base + request.path(), request.method(), authorization, request.body(), timeoutMillis,
                    new FetchFunction.Answer() {
                        @Override
                        public void answered(int status, byte[] body) {
                            done.complete(new Response(status, body));
                        }

                        @Override
                        public void failed(String name, String message) {
                            done.fail(new BackendUnavailableException("remote", null,
                                    "no answer from the server: " + name, null));
                        }
                    });
        } catch (RuntimeException e) {
            done.fail(new BackendUnavailableException("remote", null,
                    "no answer from the server: " + e.getClass().getSimpleName(), e));
        }
        return done.async();
    }

    @Override
    public String toString() {
        return "FetchTransport[" + base + "]";
    }
}
