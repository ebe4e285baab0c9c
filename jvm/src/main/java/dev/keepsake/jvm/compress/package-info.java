/**
 * JVM compressors ({@link dev.keepsake.jvm.compress.JvmCompression}): gzip from the JDK, and
 * LZ4 and zstd through their optional native libraries.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.compress, dev.keepsake.core.format.
 */
package dev.keepsake.jvm.compress;
