package dev.keepsake.jvm.remote;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.remote.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@link Transport} over the JDK's {@link HttpClient}: asynchronous, one shared client, the
 * bearer token on every request. Completes on the client's executor.
 */
final class HttpClientTransport implements Transport {

    private final HttpClient client;
    private final String base;
    private final String authorization;
    private final Duration timeout;

    HttpClientTransport(HttpClient client, URI base, String token, Duration timeout) {
        this.client = client;
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
    }

    @Override
    public Async<Response> send(Request request) {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(timeout)
                .header("Authorization", authorization);
        if (request.body() != null) {
            http.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            http.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        Async.Completer<Response> done = Async.completer();
        client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            if (failure != null) {
                // The exception's text may name the address but never the token or the body.
                done.fail(new BackendUnavailableException("remote", null,
                        "no answer from the server: " + failure.getClass().getSimpleName(), failure));
            } else {
                done.complete(new Response(response.statusCode(), response.body()));
            }
        });
        return done.async();
    }

    @Override
    public String toString() {
        return "HttpClientTransport[" + base + "]";
    }
}
