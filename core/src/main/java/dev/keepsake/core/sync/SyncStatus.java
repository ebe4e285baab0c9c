package dev.keepsake.core.sync;

import java.util.Objects;

/**
 * A snapshot of where a {@link Sync} stands.
 *
 * @param state what it is doing
 * @param pending local writes not yet answered by the server
 * @param conflicts conflicts reported since the sync was opened
 * @param rejected writes rejected since the sync was opened
 * @param lastError the last failure to reach or use the server, or null
 */
public record SyncStatus(State state, int pending, int conflicts, int rejected, Throwable lastError) {

    /** Checks presence. */
    public SyncStatus {
        Objects.requireNonNull(state, "state");
    }

    /** What a sync is doing. */
    public enum State {
        /** Recording writes only: not started, closed, or set offline. */
        STOPPED,
        /** Started but the server cannot be reached (or refused the token): retrying with backoff. */
        OFFLINE,
        /** Sending the outbox or pulling changes. */
        SYNCING,
        /** Outbox empty and every change up to the last watch notification pulled. */
        UP_TO_DATE
    }

    @Override
    public String toString() {
        return "SyncStatus[" + state + ", " + pending + " pending, " + conflicts + " conflicts]";
    }
}
