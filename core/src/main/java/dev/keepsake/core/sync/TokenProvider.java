package dev.keepsake.core.sync;

import dev.keepsake.core.async.Async;

/**
 * Supplies the bearer token a {@link Sync} sends. Called when the sync starts and again after
 * every 401 answer (an expired or revoked token), so it should fetch or refresh a token rather
 * than return a cached one it knows was refused. A failed result counts as a failed round: the
 * sync retries it with backoff.
 */
@FunctionalInterface
public interface TokenProvider {

    /** Returns a token; {@code renew} is true when the previous one was refused with 401. */
    Async<String> token(boolean renew);

    /** Returns a provider that always answers {@code token}. */
    static TokenProvider of(String token) {
        java.util.Objects.requireNonNull(token, "token");
        return renew -> Async.of(token);
    }
}
