/**
 * Portable cryptography for sealed storage: ChaCha20-Poly1305 (RFC 8439) in plain Java behind
 * {@link dev.keepsake.core.crypto.Ciphers} (the primitive itself is package-private; the hashes
 * that derive passphrase keys are in {@code dev.keepsake.core.internal}), the
 * {@link dev.keepsake.core.crypto.Encryption} choices a configuration names,
 * {@link dev.keepsake.core.crypto.EncryptionKey} and
 * {@link dev.keepsake.core.crypto.RandomSource}; platform ciphers (JDK, WebCrypto) live in jvm
 * and browser.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.format, dev.keepsake.core.internal.
 */
package dev.keepsake.core.crypto;
