/**
 * {@link dev.keepsake.core.remote.RemoteBackend}, a backend kept by a sync server, the wire
 * {@link dev.keepsake.core.remote.Protocol} both sides speak, and the
 * {@link dev.keepsake.core.remote.Transport} a platform supplies (fetch in the browser, the JDK
 * HTTP client on the JVM).
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.codec,
 * dev.keepsake.core.crypto, dev.keepsake.core.error.
 */
package dev.keepsake.core.remote;
