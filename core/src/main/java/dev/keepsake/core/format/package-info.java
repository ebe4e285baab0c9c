/**
 * The stored format: {@link dev.keepsake.core.format.Envelope} (header, checksum over key and
 * payload, optional compression and encryption stages), the stage interfaces
 * {@link dev.keepsake.core.format.Compressor} and {@link dev.keepsake.core.format.Cipher}, the
 * algorithm identifiers stored in it ({@code Algorithms}) and CRC-32C.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.error, dev.keepsake.core.internal.
 */
package dev.keepsake.core.format;
