/**
 * Cryptography in the browser: AES-GCM and randomness through WebCrypto
 * ({@link dev.keepsake.browser.crypto.BrowserCrypto}), as envelope ciphers and random sources.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.crypto, dev.keepsake.core.error,
 * dev.keepsake.core.format.
 */
package dev.keepsake.browser.crypto;
