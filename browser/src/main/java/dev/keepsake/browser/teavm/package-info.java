/**
 * A TeaVM compiler plugin used by the browser build only: {@code UncontendedMonitors} compiles
 * Keepsake's {@code synchronized} code without monitors, which a page's single thread of events
 * never contends. Depends on TeaVM's model, never on runtime code.
 *
 * <p>May use: no other Keepsake package.
 */
package dev.keepsake.browser.teavm;
