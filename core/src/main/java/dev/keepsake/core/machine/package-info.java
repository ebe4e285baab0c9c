/**
 * State machines whose state survives restarts: {@link dev.keepsake.core.machine.StateMachine}
 * (states, events, transitions), {@link dev.keepsake.core.machine.PersistedMachine} (one
 * running machine kept through a store) and their snapshots.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.codec,
 * dev.keepsake.core.error, dev.keepsake.core.manager, dev.keepsake.core.store,
 * dev.keepsake.core.time.
 */
package dev.keepsake.core.machine;
