package dev.keepsake.server;

/** A pull's cursor lies below the scope's tombstone horizon: the client must pull from 0. */
final class ResetException extends RuntimeException {

    final long horizon;

    ResetException(long horizon) {
        super("the cursor is older than the kept tombstones; pull again from 0", null, false, false);
        this.horizon = horizon;
    }
}
