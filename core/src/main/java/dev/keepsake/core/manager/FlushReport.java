package dev.keepsake.core.manager;

/**
 * What one attempt to write a batch did: for monitoring, logs and the demo's flush log.
 *
 * @param entries keys in the batch (puts and deletes)
 * @param bytes bytes handed to the backend (framed values; deletes count 0)
 * @param startedAtMillis when the attempt started, by the manager's clock
 * @param durationMillis how long the backend took to confirm or refuse it
 * @param attempt 1 for the first attempt at this batch, 2 and up for retries
 * @param failure why the attempt failed, or null if the batch is durable
 */
public record FlushReport(int entries, long bytes, long startedAtMillis, long durationMillis, int attempt,
        Throwable failure) {

    /** Returns whether the batch was written. */
    public boolean succeeded() {
        return failure == null;
    }
}
