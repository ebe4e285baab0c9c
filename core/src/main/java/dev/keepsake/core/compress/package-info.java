/**
 * Portable compression: LZ4 block format in plain Java (the package-private {@code Lz4Block}),
 * the {@link dev.keepsake.core.compress.Compression} choices a configuration names, and
 * {@link dev.keepsake.core.compress.Compressors}, which turns the portable ones into envelope
 * {@link dev.keepsake.core.format.Compressor}s; platform compressors live in jvm and browser.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.format.
 */
package dev.keepsake.core.compress;
