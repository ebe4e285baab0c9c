/**
 * The storage contract: {@link dev.keepsake.core.backend.StorageBackend} (bytes under string
 * keys, versions, all-or-nothing {@link dev.keepsake.core.backend.WriteBatch}es), its values
 * ({@code Versioned}, {@code StorageInfo}), key validation ({@code Keys}) and
 * {@link dev.keepsake.core.backend.MemoryBackend}, the in-memory backend that is also the
 * reference for the contract suite in {@code keepsake-testing}.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.error, dev.keepsake.core.internal.
 */
package dev.keepsake.core.backend;
