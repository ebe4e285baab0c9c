/**
 * {@link dev.keepsake.browser.time.BrowserScheduler}: the core scheduler and clock over
 * {@code setTimeout}, {@code Date.now()} and {@code performance.now()}.
 *
 * <p>May use: dev.keepsake.core.time.
 */
package dev.keepsake.browser.time;
