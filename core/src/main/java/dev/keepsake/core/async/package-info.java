/**
 * The one asynchronous type, {@link dev.keepsake.core.async.Async}: Keepsake's own small
 * promise, settled once with a value or a failure, whose callbacks run on the thread that
 * settles it. Every operation in core returns it, on the JVM and in the browser alike
 * ({@code CompletableFuture} is not available to the browser build).
 *
 * <p>May use: no other Keepsake package.
 */
package dev.keepsake.core.async;
