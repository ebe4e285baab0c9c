/**
 * The demo's server ({@link dev.keepsake.demo.DemoServer}): serves the demo page and the browser
 * build from the classpath on Jetty ({@code StaticFiles}), and starts a sync server beside it or
 * points the page at another one ({@code SyncSettings}). The page's code is the browser build;
 * nothing here runs in the browser.
 *
 * <p>May use: dev.keepsake.server.
 */
package dev.keepsake.demo;
