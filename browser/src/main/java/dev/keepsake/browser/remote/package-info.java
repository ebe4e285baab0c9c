/**
 * {@link dev.keepsake.browser.remote.RemoteTransports}: the {@code fetch} transport that lets
 * {@link dev.keepsake.core.remote.RemoteBackend} talk to a sync server from a page.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.error, dev.keepsake.core.remote.
 */
package dev.keepsake.browser.remote;
