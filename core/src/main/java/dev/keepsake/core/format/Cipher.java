package dev.keepsake.core.format;

import dev.keepsake.core.async.Async;

/**
 * An authenticated cipher (AEAD) the {@link Envelope} may apply to a payload: a platform
 * service ({@code javax.crypto} on the JVM, WebCrypto in the browser), hence asynchronous. The
 * key material lives inside the implementation; the envelope never sees it.
 *
 * <p>Ids are stored in every envelope and never change meaning: {@code 0} is "unencrypted" and
 * is never the id of an implementation; {@link #AES_256_GCM} and {@link #CHACHA20_POLY1305} are
 * registered; 3&ndash;127 are reserved for Keepsake (an envelope naming one is reported as
 * corrupted); 128&ndash;255 are free for user-defined ciphers.
 *
 * <p>Contract: {@code encrypt} returns exactly {@link #overheadBytes()} more bytes than it was
 * given (typically a fresh nonce followed by ciphertext and tag), and {@code decrypt} succeeds
 * only for output of {@code encrypt} with the very same associated data and key, failing with
 * any exception otherwise. Implementations must not retain or modify the arrays they are given.
 */
public interface Cipher {

    /** The id meaning "stored unencrypted". */
    int NONE = 0;
    /** The registered id of AES-256-GCM with a 96-bit random nonce and a 128-bit tag. */
    int AES_256_GCM = 1;
    /** The registered id of ChaCha20-Poly1305 (RFC 8439). */
    int CHACHA20_POLY1305 = 2;
    /** The smallest id a user-defined cipher may use; ids up to 255 are allowed. */
    int FIRST_USER_ID = 128;

    /** Returns this cipher's id, 1&ndash;2 for the registered ones, 128&ndash;255 otherwise. */
    int id();

    /** Returns a short lowercase name for messages, for example {@code "aes-256-gcm"}. */
    String name();

    /** Returns the exact number of bytes {@link #encrypt} adds to its input (nonce and tag). */
    int overheadBytes();

    /** Returns the sealed form of {@code plaintext}, authenticating {@code associatedData} too. */
    Async<byte[]> encrypt(byte[] plaintext, byte[] associatedData);

    /**
     * Returns the plaintext of {@code ciphertext}, failing (with any exception) if it or
     * {@code associatedData} is not exactly what {@link #encrypt} was given and produced.
     */
    Async<byte[]> decrypt(byte[] ciphertext, byte[] associatedData);
}
