package dev.keepsake.core.sync;

import java.util.Objects;

/**
 * What became of one local write on the server, as {@link Sync#onFate} and
 * {@link Sync#settled} report it. A write is {@link Outcome#PENDING} from the moment it is
 * durable locally (it and its outbox entry commit in one local batch) until the server answers
 * for it; then it ends in exactly one of the three other outcomes, once.
 *
 * @param key the backend key written (for a manager: its prefixed storage key)
 * @param id the write's identity, unique per device: {@code clientId + "#" + seq} as sent
 * @param outcome where the write stands
 * @param version applied: the scope version the server gave it; otherwise 0
 * @param reason rejected: the server's reason (such as {@code value_too_large}); otherwise null
 */
public record WriteFate(String key, String id, Outcome outcome, long version, String reason) {

    /** Checks presence. */
    public WriteFate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The stages of a write's life on the server. */
    public enum Outcome {
        /** Durable locally, in the outbox, not yet answered by the server. */
        PENDING,
        /** Written on the server as it was written locally. */
        APPLIED,
        /**
         * Not written as is: the key had moved on the server. The conflict went to the owner's
         * resolution (see {@link SyncConflict}), whose result is a new write with its own fate.
         */
        CONFLICT,
        /** Refused for good by the server (the reason says why); later writes are unaffected and
         * the key is brought back to the server's value. */
        REJECTED
    }

    /** Returns whether the write has reached its final outcome. */
    public boolean isFinal() {
        return outcome != Outcome.PENDING;
    }

    @Override
    public String toString() {
        return "WriteFate[" + id + " " + outcome + (reason == null ? "" : " " + reason) + "]";
    }
}
