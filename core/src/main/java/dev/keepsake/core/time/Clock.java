package dev.keepsake.core.time;

/**
 * The current time, injected wherever Keepsake needs it (snapshot timestamps, backup
 * intervals, flush lag) so that tests can drive time by hand with {@link ManualScheduler}.
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
