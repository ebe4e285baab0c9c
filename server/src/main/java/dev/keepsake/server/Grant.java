package dev.keepsake.server;

import java.util.List;

/**
 * What a token allows: reading, and writing when {@code write}, on the scopes it names
 * ({@code *} names every scope).
 *
 * @param id the token's public id (for revoking)
 * @param scopes the scope names, or {@code *}
 * @param write whether pushes are allowed
 * @param revoked whether the token was revoked
 */
record Grant(String id, List<String> scopes, boolean write, boolean revoked) {

    Grant {
        scopes = List.copyOf(scopes);
    }

    boolean canRead(String scope) {
        return !revoked && (scopes.contains("*") || scopes.contains(scope));
    }

    boolean canWrite(String scope) {
        return write && canRead(scope);
    }
}
