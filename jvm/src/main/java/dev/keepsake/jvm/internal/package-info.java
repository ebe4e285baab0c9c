/**
 * Primitives the JVM backends share and users do not call: {@code PendingWrites}, which tells a
 * backend whether a read may run on the caller's thread beside its writer. Not public API (the
 * API listing leaves {@code internal} packages out).
 *
 * <p>May use: no other Keepsake package.
 */
package dev.keepsake.jvm.internal;
