/**
 * Primitives that several core packages and the platform modules share and users do not call:
 * {@code Utf8}, the one UTF-8 encoder and decoder, and the hashes in plain Java
 * ({@code Sha256}, HMAC-SHA256 and {@code Pbkdf2}) behind passphrase keys and the browser's
 * default passphrase salt; {@code FastCrc32c}, where a platform installs a faster CRC-32C for the
 * envelope. Public only so that other packages and modules can reach them; not
 * API (the API listing leaves {@code internal} packages out), and they may change in any
 * release.
 *
 * <p>May use: no other Keepsake package.
 */
package dev.keepsake.core.internal;
