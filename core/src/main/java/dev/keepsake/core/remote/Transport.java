package dev.keepsake.core.remote;

import dev.keepsake.core.async.Async;
import java.util.Objects;

/**
 * Carries one HTTP exchange to a sync server: the seam between {@link RemoteBackend}'s
 * protocol logic (platform-neutral) and a platform's HTTP client ({@code HttpClient} on the
 * JVM, {@code fetch} in the browser). An implementation knows the server's base address and
 * sends the bearer token with every request.
 *
 * <p>The returned {@code Async} completes with whatever status the server answered, including
 * errors; it fails only when no answer arrived (connection refused or reset, timeout), and
 * then with {@link dev.keepsake.core.error.BackendUnavailableException}.
 */
public interface Transport {

    /** Sends {@code request} and completes with the server's answer. */
    Async<Response> send(Request request);

    /**
     * One request.
     *
     * @param method {@code GET} or {@code POST}
     * @param path the path and query below the server's base address, starting with {@code /}
     * @param body the JSON body of a {@code POST}, or null
     */
    record Request(String method, String path, byte[] body) {

        /**
         * Validates the request.
         *
         * @throws NullPointerException if method or path is null
         * @throws IllegalArgumentException if path does not start with {@code /}
         */
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " (" + body.length + " bytes)");
        }
    }

    /**
     * One answer.
     *
     * @param status the HTTP status code
     * @param body the response body, empty when there was none
     */
    record Response(int status, byte[] body) {

        /**
         * Validates the response.
         *
         * @throws NullPointerException if body is null
         */
        public Response {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String toString() {
            return "Response[" + status + ", " + body.length + " bytes]";
        }
    }
}
