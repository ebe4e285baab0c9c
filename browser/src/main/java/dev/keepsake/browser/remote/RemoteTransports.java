package dev.keepsake.browser.remote;

import dev.keepsake.core.remote.Transport;
import java.util.Objects;

/** Transports for {@link dev.keepsake.core.remote.RemoteBackend} in the browser. */
public final class RemoteTransports {

    /** How long a request may wait for its whole answer. */
    static final int TIMEOUT_MILLIS = 60_000;

    private RemoteTransports() {
    }

    /**
     * Returns a transport to the sync server at {@code base} (such as
     * {@code http://127.0.0.1:8787}) over the page's {@code fetch}, sending {@code token} as the
     * bearer token; a request without an answer within 60 s fails with
     * {@code BackendUnavailableException}. A server on another origin than the page's must list
     * the page's origin ({@code --cors-origin}).
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code base} does not start with {@code http://} or
     *     {@code https://}
     */
    public static Transport fetch(String base, String token) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(token, "token");
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("the server address must start with http:// or https://");
        }
        return new FetchTransport(new WindowFetch(), base, token, TIMEOUT_MILLIS);
    }
}
