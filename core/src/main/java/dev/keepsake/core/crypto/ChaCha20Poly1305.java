package dev.keepsake.core.crypto;

import java.util.Objects;

/**
 * The AEAD_CHACHA20_POLY1305 construction of RFC 8439 section 2.8 in plain Java, for platforms
 * without it (WebCrypto has no ChaCha20); its output is byte-for-byte what the JDK's
 * {@code ChaCha20-Poly1305} cipher produces, so data sealed on one platform opens on any other.
 *
 * <p>Format: {@link #seal} returns the ciphertext (as long as the plaintext) followed by the
 * 16-byte tag. Guarantees: {@link #open} verifies the tag, in time independent of where it
 * differs, before decrypting anything, and never returns unauthenticated plaintext. Inputs are
 * never modified; key bytes never appear in messages. All methods are static, stateless and
 * thread-safe. Package-private: users reach it through {@link Ciphers#chacha20Poly1305}, which
 * draws a fresh nonce for every value.
 *
 * <p>Non-goals: nonce management. A (key, nonce) pair must never seal two different messages;
 * with random 96-bit nonces, limit one key to about 2^32 messages. Messages are limited by
 * Java arrays (under 2 GiB), far below the RFC's 256 GiB per nonce. Pure-Java code on a
 * managed runtime cannot promise freedom from every side channel; the arithmetic has no
 * secret-dependent branches or table look-ups.
 */
final class ChaCha20Poly1305 {

    /** Key length in bytes. */
    public static final int KEY_LENGTH = ChaCha20.KEY_LENGTH;
    /** Nonce length in bytes. */
    public static final int NONCE_LENGTH = ChaCha20.NONCE_LENGTH;
    /** Tag length in bytes; sealed output is this much longer than the plaintext. */
    public static final int TAG_LENGTH = Poly1305.TAG_LENGTH;

    private ChaCha20Poly1305() {
    }

    /**
     * Encrypts and authenticates {@code plaintext} with associated data {@code aad}, returning
     * ciphertext followed by the tag.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key is not 32 bytes or the nonce not 12 bytes
     */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        Objects.requireNonNull(plaintext, "plaintext");
        return seal(key, nonce, plaintext, 0, plaintext.length, aad);
    }

    /**
     * Encrypts and authenticates {@code plaintext[offset, offset + length)} with associated data
     * {@code aad}, returning ciphertext followed by the tag.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key is not 32 bytes, the nonce not 12 bytes, or
     *     the plaintext too long for an array to hold it with its tag
     * @throws IndexOutOfBoundsException if the range is not inside {@code plaintext}
     */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, int offset, int length, byte[] aad) {
        checkKeyAndNonce(key, nonce);
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        if (length > Integer.MAX_VALUE - TAG_LENGTH) {
            throw new IllegalArgumentException("plaintext too long");
        }
        byte[] out = new byte[length + TAG_LENGTH];
        ChaCha20.xor(key, 1, nonce, plaintext, offset, length, out, 0);
        Poly1305 mac = authenticator(key, nonce, aad, out, 0, length);
        mac.finish(out, length);
        return out;
    }

    /**
     * Verifies and decrypts {@code ciphertextAndTag} (as returned by {@link #seal}) sealed with
     * associated data {@code aad}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key is not 32 bytes or the nonce not 12 bytes
     * @throws AuthenticationFailedException if the input is shorter than a tag or fails
     *     authentication
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad) {
        Objects.requireNonNull(ciphertextAndTag, "ciphertextAndTag");
        return open(key, nonce, ciphertextAndTag, 0, ciphertextAndTag.length, aad);
    }

    /**
     * Verifies and decrypts {@code input[offset, offset + length)}, ciphertext followed by tag,
     * sealed with associated data {@code aad}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key is not 32 bytes or the nonce not 12 bytes
     * @throws IndexOutOfBoundsException if the range is not inside {@code input}
     * @throws AuthenticationFailedException if the range is shorter than a tag or fails
     *     authentication
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] input, int offset, int length, byte[] aad) {
        checkKeyAndNonce(key, nonce);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(aad, "aad");
        Objects.checkFromIndexSize(offset, length, input.length);
        if (length < TAG_LENGTH) {
            throw new AuthenticationFailedException("ciphertext shorter than its tag");
        }
        int textLength = length - TAG_LENGTH;
        Poly1305 mac = authenticator(key, nonce, aad, input, offset, textLength);
        byte[] expected = new byte[TAG_LENGTH];
        mac.finish(expected, 0);
        int diff = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            diff |= expected[i] ^ input[offset + textLength + i];
        }
        if (diff != 0) {
            throw new AuthenticationFailedException("authentication tag mismatch");
        }
        byte[] plaintext = new byte[textLength];
        ChaCha20.xor(key, 1, nonce, input, offset, textLength, plaintext, 0);
        return plaintext;
    }

    /** Poly1305 over aad, pad, ciphertext, pad and both lengths, keyed from block 0. */
    private static Poly1305 authenticator(byte[] key, byte[] nonce, byte[] aad, byte[] text, int off, int len) {
        byte[] oneTimeKey = new byte[ChaCha20.BLOCK_LENGTH];
        ChaCha20.block(key, 0, nonce, oneTimeKey, 0);
        Poly1305 mac = new Poly1305(oneTimeKey, 0);
        for (int i = 0; i < oneTimeKey.length; i++) {
            oneTimeKey[i] = 0;
        }
        mac.update(aad, 0, aad.length);
        mac.padToBlock();
        mac.update(text, off, len);
        mac.padToBlock();
        byte[] lengths = new byte[16];
        writeLengthLe(lengths, 0, aad.length);
        writeLengthLe(lengths, 8, len);
        mac.update(lengths, 0, 16);
        return mac;
    }

    /** Writes a non-negative int as the low half of a 64-bit little-endian length. */
    private static void writeLengthLe(byte[] b, int i, int value) {
        b[i] = (byte) value;
        b[i + 1] = (byte) (value >>> 8);
        b[i + 2] = (byte) (value >>> 16);
        b[i + 3] = (byte) (value >>> 24);
    }

    private static void checkKeyAndNonce(byte[] key, byte[] nonce) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("key must be " + KEY_LENGTH + " bytes, was " + key.length);
        }
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be " + NONCE_LENGTH + " bytes, was " + nonce.length);
        }
    }
}
