/**
 * The JavaScript API: the {@code @JSExport} entry points of {@code keepsake.js}
 * ({@link dev.keepsake.browser.js.KeepsakeExports}), {@code keepsake-kv.js}
 * ({@link dev.keepsake.browser.js.KeepsakeKvExports}) and {@code keepsake-sync.js}
 * ({@link dev.keepsake.browser.js.KeepsakeSyncExports}), the JS-facing handles, the link that
 * lets one tab sync with a server for all ({@code SyncLink}) and the
 * conversions between JS values and Java ones. Glue only: behaviour lives in core and the other
 * browser packages.
 *
 * <p>May use: dev.keepsake.browser.compress, dev.keepsake.browser.crypto,
 * dev.keepsake.browser.remote, dev.keepsake.browser.storage, dev.keepsake.browser.sync,
 * dev.keepsake.browser.time,
 * dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.codec,
 * dev.keepsake.core.crypto, dev.keepsake.core.error, dev.keepsake.core.format, dev.keepsake.core.internal,
 * dev.keepsake.core.machine, dev.keepsake.core.manager, dev.keepsake.core.store,
 * dev.keepsake.core.sync.
 */
package dev.keepsake.browser.js;
