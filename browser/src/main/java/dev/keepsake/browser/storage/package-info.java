/**
 * The browser's storage backends, {@link dev.keepsake.browser.storage.LocalStorageBackend} and
 * {@link dev.keepsake.browser.storage.IndexedDbBackend} (its connection lifecycle in
 * {@code IndexedDbConnection}, the coalescing of one task's reads into one transaction in
 * {@code IndexedDbReadCoalescer}), the probe that chooses one
 * ({@link dev.keepsake.browser.storage.BrowserBackends}), and thin JSO bindings of the Web
 * Storage and IndexedDB interfaces they use (named as in Web IDL, no logic in them).
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.error.
 */
package dev.keepsake.browser.storage;
