/**
 * Compression in the browser: gzip and deflate through the page's {@code CompressionStream}
 * ({@link dev.keepsake.browser.compress.BrowserCompression}), as envelope compressors.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.compress, dev.keepsake.core.error,
 * dev.keepsake.core.format.
 */
package dev.keepsake.browser.compress;
