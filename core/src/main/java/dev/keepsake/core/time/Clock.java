package dev.keepsake.core.time;

/**
 * The wall-clock time, injected wherever Keepsake records a time people read (snapshot
 * timestamps, backup stamps, when a flush started) so that tests can drive it by hand with
 * {@link ManualScheduler}. It may jump back or forward when the clock is set; delays never
 * use it (see {@link Scheduler#monotonicMillis()}).
 */
@FunctionalInterface
public interface Clock {

    /** Returns the current time in milliseconds since the Unix epoch. */
    long nowMillis();

    /** Returns the platform's wall clock ({@link System#currentTimeMillis()}). */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
