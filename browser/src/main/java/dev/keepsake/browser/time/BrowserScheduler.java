package dev.keepsake.browser.time;

import dev.keepsake.core.time.Clock;
import dev.keepsake.core.time.Scheduler;
import java.util.Objects;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The browser's clock ({@code Date.now()}) and timers ({@code setTimeout}/{@code clearTimeout})
 * as Keepsake's {@link Clock} and {@link Scheduler}; its monotonic time is
 * {@code performance.now()}, which never goes back when the system clock is set.
 *
 * <p>Tasks run on the page's event loop, one at a time, never before their delay (browsers may
 * run them later: background tabs throttle timers to once a second or less, so code that must
 * save before the page goes away flushes on {@code pagehide} rather than trusting a timer). A
 * task that throws is reported to the console by the browser and does not affect other tasks.
 * Delays above {@code setTimeout}'s limit of 2<sup>31</sup>-1 ms are clamped to it rather than
 * overflowing to "now".
 */
public final class BrowserScheduler implements Scheduler, Clock {

    private static final BrowserScheduler INSTANCE = new BrowserScheduler();

    /** setTimeout treats larger delays as 0. */
    static final long MAX_DELAY = Integer.MAX_VALUE;

    private BrowserScheduler() {
    }

    /** Returns the scheduler; it has no state of its own, so there is one. */
    public static BrowserScheduler get() {
        return INSTANCE;
    }

    @Override
    public long nowMillis() {
        return (long) dateNow();
    }

    @Override
    public long monotonicMillis() {
        return (long) performanceNow();
    }

    @Override
    public Scheduled schedule(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
        }
        Objects.requireNonNull(task, "task");
        boolean[] cancelled = {false};
        int id = setTimeout(() -> {
            // clearTimeout stops the timer; the flag also covers a cancel from a task that
            // was already queued behind this one in the same turn.
            if (!cancelled[0]) {
                cancelled[0] = true;
                task.run();
            }
        }, (int) Math.min(delayMillis, MAX_DELAY));
        return () -> {
            if (!cancelled[0]) {
                cancelled[0] = true;
                clearTimeout(id);
            }
        };
    }

    @Override
    public String toString() {
        return "BrowserScheduler";
    }

    @JSBody(script = "return Date.now();")
    private static native double dateNow();

    @JSBody(script = "return performance.now();")
    private static native double performanceNow();

    @JSBody(params = {"task", "delay"}, script = "return setTimeout(task, delay);")
    private static native int setTimeout(TimerTask task, int delay);

    @JSBody(params = "id", script = "clearTimeout(id);")
    private static native void clearTimeout(int id);

    /** The callback {@code setTimeout} calls. */
    @JSFunctor
    interface TimerTask extends JSObject {
        void run();
    }
}
