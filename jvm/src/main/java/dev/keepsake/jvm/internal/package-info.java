/**
 * Primitives the JVM backends share and users do not call: {@code PendingWrites}, which tells a
 * backend whether a read may run on the caller's thread beside its writer, and {@code JdkCrc32c},
 * the JDK's CRC-32C that the backends and {@code ThreadScheduler} install as core's envelope
 * checksum. Not public API (the API listing leaves {@code internal} packages out).
 *
 * <p>May use: dev.keepsake.core.internal.
 */
package dev.keepsake.jvm.internal;
