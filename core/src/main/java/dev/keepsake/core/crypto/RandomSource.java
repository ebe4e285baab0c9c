package dev.keepsake.core.crypto;

/**
 * A source of cryptographically strong random bytes, injected into ciphers for their nonces:
 * {@code SecureRandom} on the JVM, {@code crypto.getRandomValues} in the browser. Core has no
 * implementation of its own because no portable strong source exists in plain Java under TeaVM.
 *
 * <p>Implementations must be safe to call from any thread that seals values and must never
 * repeat output; tests inject a fixed source only to produce reproducible vectors.
 */
@FunctionalInterface
public interface RandomSource {

    /** Fills all of {@code bytes} with fresh random bytes. */
    void nextBytes(byte[] bytes);
}
