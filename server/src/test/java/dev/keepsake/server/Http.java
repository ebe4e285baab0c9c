package dev.keepsake.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A raw HTTP client for protocol tests: sends exactly what the test says. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    Http(int port) {
        this(URI.create("http://127.0.0.1:" + port));
    }

    HttpResponse<byte[]> get(String path, String token, String... headers) {
        return send("GET", path, token, null, headers);
    }

    HttpResponse<byte[]> post(String path, String token, byte[] body, String... headers) {
        return send("POST", path, token, body, headers);
    }

    HttpResponse<byte[]> send(String method, String path, String token, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(70))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("no answer to " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
