/**
 * Keepsake on the JVM: {@link dev.keepsake.jvm.ThreadScheduler}, {@code CompletableFuture} views
 * of {@code Async} ({@link dev.keepsake.jvm.JvmAsync}, {@link dev.keepsake.jvm.FutureBackend})
 * and {@link dev.keepsake.jvm.ShutdownFlush}.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.time,
 * dev.keepsake.jvm.internal.
 */
package dev.keepsake.jvm;
