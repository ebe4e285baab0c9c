/**
 * {@link dev.keepsake.demo.DemoServer}: the small JDK HTTP server that serves the demo page
 * and the browser build from the classpath; it serves files only.
 *
 * <p>May use: no other Keepsake package.
 */
package dev.keepsake.demo;
