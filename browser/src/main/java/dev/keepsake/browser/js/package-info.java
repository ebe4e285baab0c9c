/**
 * The JavaScript API: the {@code @JSExport} entry points of {@code keepsake.js}
 * ({@link dev.keepsake.browser.js.KeepsakeExports}) and {@code keepsake-kv.js}
 * ({@link dev.keepsake.browser.js.KeepsakeKvExports}), the JS-facing handles and the
 * conversions between JS values and Java ones. Glue only: behaviour lives in core and the other
 * browser packages.
 *
 * <p>May use: dev.keepsake.browser.compress, dev.keepsake.browser.crypto,
 * dev.keepsake.browser.storage, dev.keepsake.browser.sync, dev.keepsake.browser.time,
 * dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.codec,
 * dev.keepsake.core.crypto, dev.keepsake.core.error, dev.keepsake.core.format,
 * dev.keepsake.core.machine, dev.keepsake.core.manager, dev.keepsake.core.store.
 */
package dev.keepsake.browser.js;
