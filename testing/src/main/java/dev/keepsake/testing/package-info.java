/**
 * For people who write a {@link dev.keepsake.core.backend.StorageBackend}: the contract suite
 * every backend passes ({@link dev.keepsake.testing.StorageBackendContract}, JUnit 4, so that it
 * also runs as JS and wasm-gc under TeaVM's test runner) and a wrapper that injects faults into
 * any backend ({@link dev.keepsake.testing.FaultyBackend}). The fake clock and scheduler,
 * {@link dev.keepsake.core.time.ManualScheduler}, ships in core.
 *
 * <p>Depends on core's public API and JUnit 4 only; core's own tests compile these sources too,
 * so nothing here may use what core keeps package-private.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.codec,
 * dev.keepsake.core.error, dev.keepsake.core.manager, dev.keepsake.core.time.
 */
package dev.keepsake.testing;
