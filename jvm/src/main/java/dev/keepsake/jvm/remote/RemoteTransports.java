package dev.keepsake.jvm.remote;

import dev.keepsake.core.remote.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/** Transports for {@link dev.keepsake.core.remote.RemoteBackend} on the JVM. */
public final class RemoteTransports {

    private RemoteTransports() {
    }

    /**
     * Returns a transport to the sync server at {@code base} (such as
     * {@code http://127.0.0.1:8787}) over the JDK's {@code HttpClient}, sending {@code token} as
     * the bearer token; a request without an answer within 60 s fails with
     * {@code BackendUnavailableException}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code base} is not an http or https URI
     */
    public static Transport httpClient(URI base, String token) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(token, "token");
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("the server address must be http or https");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new HttpClientTransport(client, base, token, Duration.ofSeconds(60));
    }
}
