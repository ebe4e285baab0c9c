/**
 * {@link dev.keepsake.core.store.PersistentStore}: one typed value with listeners, kept
 * through a manager, with hydration from storage and rebasing on version conflicts
 * ({@code Conflict}, {@code Hydration}).
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.codec,
 * dev.keepsake.core.error, dev.keepsake.core.manager, dev.keepsake.core.time.
 */
package dev.keepsake.core.store;
