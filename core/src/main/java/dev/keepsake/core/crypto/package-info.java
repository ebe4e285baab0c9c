/**
 * Portable cryptography for sealed storage: ChaCha20-Poly1305 (RFC 8439), SHA-256,
 * HMAC-SHA256 and PBKDF2 in plain Java, the {@link dev.keepsake.core.crypto.Encryption} choices
 * a configuration names, {@link dev.keepsake.core.crypto.EncryptionKey} and
 * {@link dev.keepsake.core.crypto.RandomSource}; platform ciphers (JDK, WebCrypto) live in jvm
 * and browser.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.format.
 */
package dev.keepsake.core.crypto;
