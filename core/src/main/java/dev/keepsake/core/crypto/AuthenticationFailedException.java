package dev.keepsake.core.crypto;

/**
 * Ciphertext failed authentication: it was modified, truncated, or sealed under a different
 * key, nonce or associated data. No plaintext is released. The message never contains key
 * material or data.
 *
 * <p>Callers reading stored data should report it as corrupted (or as a wrong key, which the
 * cipher cannot tell apart from tampering).
 */
public final class AuthenticationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AuthenticationFailedException(String message) {
        super(message);
    }
}
