package dev.keepsake.core.sync;

import dev.keepsake.core.remote.Transport;

/**
 * Makes a {@link Transport} to the sync server that sends {@code token} as its bearer token:
 * {@code token -> RemoteTransports.httpClient(uri, token)} on the JVM, the {@code fetch}
 * transport in a page. A {@link Sync} connects once with the first token and again with a new
 * one after every 401 answer.
 */
@FunctionalInterface
public interface Connector {

    /** Returns a transport that authenticates with {@code token}. */
    Transport connect(String token);
}
