/**
 * Several tabs of one page: writes journaled so that none is lost when a tab closes, flushes
 * when the page is hidden ({@link dev.keepsake.browser.sync.PageLifecycle}), and changes
 * announced to and followed by other tabs ({@link dev.keepsake.browser.sync.TabSync}).
 *
 * <p>May use: dev.keepsake.browser.storage, dev.keepsake.browser.time, dev.keepsake.core.async,
 * dev.keepsake.core.backend, dev.keepsake.core.machine, dev.keepsake.core.manager,
 * dev.keepsake.core.store, dev.keepsake.core.time.
 */
package dev.keepsake.browser.sync;
