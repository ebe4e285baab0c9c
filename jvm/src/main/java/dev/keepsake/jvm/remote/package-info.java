/**
 * {@link dev.keepsake.jvm.remote.RemoteTransports}: the JDK HTTP client transport for
 * {@link dev.keepsake.core.remote.RemoteBackend}.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.error, dev.keepsake.core.remote.
 */
package dev.keepsake.jvm.remote;
