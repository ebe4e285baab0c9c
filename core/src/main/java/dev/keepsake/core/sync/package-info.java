/**
 * Offline first: {@link dev.keepsake.core.sync.Sync} keeps a local backend and a scope on the
 * sync server in step (an outbox beside every local batch; push, pull and watch through a
 * {@link dev.keepsake.core.remote.Transport}); its configuration, status, conflicts and the fate
 * of each write are values here.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.codec,
 * dev.keepsake.core.crypto, dev.keepsake.core.error, dev.keepsake.core.remote,
 * dev.keepsake.core.time.
 */
package dev.keepsake.core.sync;
