/**
 * JVM ciphers ({@link dev.keepsake.jvm.crypto.JvmCrypto}): AES-256-GCM and
 * ChaCha20-Poly1305 from {@code javax.crypto}, nonces from {@code SecureRandom}, and PBKDF2 key
 * derivation.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.crypto, dev.keepsake.core.format.
 */
package dev.keepsake.jvm.crypto;
