/**
 * The browser's storage backends, {@link dev.keepsake.browser.storage.LocalStorageBackend} and
 * {@link dev.keepsake.browser.storage.IndexedDbBackend}, the probe that chooses one
 * ({@link dev.keepsake.browser.storage.BrowserBackends}), and thin JSO bindings of the Web
 * Storage and IndexedDB interfaces they use (named as in Web IDL, no logic in them).
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.error.
 */
package dev.keepsake.browser.storage;
