package dev.keepsake.core.manager;

/**
 * What the manager does when a batch cannot be written. Whatever the strategy, a failed write
 * is never dropped silently: it is either kept and retried, or its failure reaches the caller
 * of {@link PersistenceManager#save} and {@link PersistenceManager#flush}.
 *
 * <ul>
 *   <li>{@link #logAndContinue()}: report the failure to the manager's listener, count it,
 *       keep the writes pending and retry them at the next flush (one flush interval later,
 *       or at the next {@code flush()}). A batch of several writes that failed for any reason
 *       but {@link dev.keepsake.core.error.BackendUnavailableException} is first written again
 *       in halves, down to single writes: a write the backend refuses (a value over its quota,
 *       a key it cannot index) then fails alone, reported with its key, and every other write
 *       lands. {@code save} results stay pending until the write lands, or until
 *       {@code close()}, which fails them with the error of its final flush; {@code flush()}
 *       fails with the error so an explicit flush is never lied to.</li>
 *   <li>{@link #retryOnce()}: try the batch once more right away; if that fails too, fail the
 *       batch's callers.</li>
 *   <li>{@link #retryWithBackoff}: retry after capped exponential delays with jitter, up to a
 *       number of attempts, then fail the batch's callers.</li>
 *   <li>{@link #failFast()}: fail the batch's callers at once.</li>
 * </ul>
 *
 * <p>When a batch's callers are failed, the writes did not take effect: the manager forgets
 * them and later reads see what the backend holds.
 */
public sealed interface ErrorStrategy
        permits ErrorStrategy.LogAndContinue, ErrorStrategy.RetryOnce, ErrorStrategy.RetryWithBackoff,
                ErrorStrategy.FailFast {

    /** Returns the strategy that keeps failed writes pending and retries them later. */
    static ErrorStrategy logAndContinue() {
        return LogAndContinue.INSTANCE;
    }

    /** Returns the strategy that retries a failed batch once, then fails its callers. */
    static ErrorStrategy retryOnce() {
        return RetryOnce.INSTANCE;
    }

    /**
     * Returns the strategy that retries a failed batch after {@code initialDelayMillis},
     * doubling the delay each time up to {@code maxDelayMillis} (each delay randomly shortened
     * by up to half, so that many clients do not retry in step), for at most
     * {@code maxAttempts} attempts in all, then fails its callers.
     *
     * @throws IllegalArgumentException if a delay is negative, the maximum delay is below the
     *     initial one, or {@code maxAttempts} is below 2
     */
    static ErrorStrategy retryWithBackoff(long initialDelayMillis, long maxDelayMillis, int maxAttempts) {
        return new RetryWithBackoff(initialDelayMillis, maxDelayMillis, maxAttempts);
    }

    /** Returns the strategy that fails a batch's callers at the first error. */
    static ErrorStrategy failFast() {
        return FailFast.INSTANCE;
    }

    /** See {@link ErrorStrategy#logAndContinue()}. */
    record LogAndContinue() implements ErrorStrategy {
        /** The shared instance. */
        public static final LogAndContinue INSTANCE = new LogAndContinue();
    }

    /** See {@link ErrorStrategy#retryOnce()}. */
    record RetryOnce() implements ErrorStrategy {
        /** The shared instance. */
        public static final RetryOnce INSTANCE = new RetryOnce();
    }

    /** See {@link ErrorStrategy#failFast()}. */
    record FailFast() implements ErrorStrategy {
        /** The shared instance. */
        public static final FailFast INSTANCE = new FailFast();
    }

    /**
     * See {@link ErrorStrategy#retryWithBackoff(long, long, int)}.
     *
     * @param initialDelayMillis delay before the first retry
     * @param maxDelayMillis cap on any delay
     * @param maxAttempts attempts in all, the first included
     */
    record RetryWithBackoff(long initialDelayMillis, long maxDelayMillis, int maxAttempts) implements ErrorStrategy {

        /** Validates the parameters; see {@link ErrorStrategy#retryWithBackoff}. */
        public RetryWithBackoff {
            if (initialDelayMillis < 0) {
                throw new IllegalArgumentException("initial delay must not be negative: " + initialDelayMillis);
            }
            if (maxDelayMillis < initialDelayMillis) {
                throw new IllegalArgumentException("maximum delay " + maxDelayMillis
                        + " ms must not be below the initial delay " + initialDelayMillis + " ms");
            }
            if (maxAttempts < 2) {
                throw new IllegalArgumentException("max attempts must be at least 2 to retry at all: " + maxAttempts);
            }
        }

        /** Returns the undithered delay before attempt {@code attempt} (2 = first retry). */
        long baseDelayBefore(int attempt) {
            long delay = initialDelayMillis;
            for (int i = 2; i < attempt && delay < maxDelayMillis; i++) {
                delay *= 2;
            }
            return Math.min(delay, maxDelayMillis);
        }
    }
}
