/**
 * The sync server ({@link dev.keepsake.server.SyncServer}, {@link dev.keepsake.server.Main}):
 * scopes of versioned entries served over HTTP on Jetty, kept in SQLite or PostgreSQL, with
 * token grants and change notification. Speaks core's {@code Protocol}; no other Keepsake code.
 *
 * <p>May use: dev.keepsake.core.remote.
 */
package dev.keepsake.server;
