/**
 * {@link dev.keepsake.core.manager.PersistenceManager}, which coordinates typed values over a
 * backend, and the small classes it coordinates: the LRU cache, the write batcher, key
 * namespaces, envelope stages, backups, recovery, error strategies and the validated
 * {@link dev.keepsake.core.manager.PersistenceConfig}.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.codec,
 * dev.keepsake.core.error, dev.keepsake.core.format, dev.keepsake.core.sync,
 * dev.keepsake.core.time.
 */
package dev.keepsake.core.manager;
