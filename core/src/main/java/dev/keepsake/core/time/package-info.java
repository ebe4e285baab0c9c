/**
 * Time as injected dependencies: {@link dev.keepsake.core.time.Clock} (wall and monotonic
 * time), {@link dev.keepsake.core.time.Scheduler} (delayed tasks) and
 * {@link dev.keepsake.core.time.ManualScheduler}, both of them moving only when a test says so,
 * shipped for users' tests.
 *
 * <p>May use: no other Keepsake package.
 */
package dev.keepsake.core.time;
