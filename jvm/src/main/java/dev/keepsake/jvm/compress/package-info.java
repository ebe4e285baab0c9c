/**
 * JVM compressors ({@link dev.keepsake.jvm.compress.JvmCompression}): gzip from the JDK, and
 * LZ4 and zstd through lz4-java and zstd-jni, which come with this module.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.compress, dev.keepsake.core.format.
 */
package dev.keepsake.jvm.compress;
