package dev.keepsake.core.remote;

import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.codec.Serializers;
import java.util.List;
import java.util.Objects;

/**
 * The messages of the sync protocol, version 1, and their JSON form (byte arrays are base64
 * strings). Server and clients share these definitions, so both sides read and write the same
 * bytes. The endpoints that carry them are listed in the README's protocol table.
 *
 * <p>Model: a scope (a user, a team, a document) maps keys to values; every accepted write to a
 * scope gets the scope's next version, assigned in commit order, so versions have no gaps and
 * a cursor (the last version seen) never skips a change. A delete leaves a tombstone with its
 * own version until the server prunes it.
 *
 * <p>Each live entry also has a <em>tag</em>: the version writers compare. A put may choose
 * its entry's tag (a {@code StorageBackend} writer sends the random version its
 * {@code WriteBatch} gave the entry); otherwise the tag is the version the write was given. A
 * deleted or never-written key's tag is 0. An operation names the tag it expects
 * ({@code baseVersion}: 0 for no entry, {@link #ANY} for an unconditional write).
 */
public final class Protocol {

    /** The path every version 1 endpoint starts with. */
    public static final String PREFIX = "/v1";

    /** Reject reason: the value is larger than the server accepts. */
    public static final String VALUE_TOO_LARGE = "value_too_large";
    /** Reject reason: the key is empty or not well-formed UTF-16. */
    public static final String INVALID_KEY = "invalid_key";
    /** Reject reason: the base version is below {@link #ANY}. */
    public static final String INVALID_BASE_VERSION = "invalid_base_version";
    /** Reject reason: another operation of an atomic push failed, so this one was not applied. */
    public static final String BATCH_ABORTED = "batch_aborted";

    /** The base version of an unconditional write: applied whatever the key's tag. */
    public static final long ANY = -1;
    /** Reject reason: the client id is empty or longer than 128 characters, seq is below 1 or the tag negative. */
    public static final String INVALID_OPERATION = "invalid_operation";

    private Protocol() {
    }

    /** What became of one operation. */
    public enum Status {
        /** Written: the result carries the new version. */
        APPLIED,
        /** Not written because the key moved: the result carries the server's version and value. */
        CONFLICT,
        /** Never applicable: the result carries a reason; later operations are unaffected. */
        REJECTED;

        String wire() {
            return this == APPLIED ? "applied" : this == CONFLICT ? "conflict" : "rejected";
        }

        static Status fromWire(String s) {
            if (s.equals("applied")) {
                return APPLIED;
            }
            if (s.equals("conflict")) {
                return CONFLICT;
            }
            if (s.equals("rejected")) {
                return REJECTED;
            }
            throw new IllegalArgumentException("unknown status \"" + s + "\"");
        }
    }

    /**
     * One write a client asks for: a put of {@code value}, or a delete when {@code value} is
     * null, applied only if the key's current tag is {@code baseVersion}.
     *
     * @param clientId names the writer; unique per writer instance
     * @param seq the writer's operation number, from 1; {@code (clientId, seq)} is applied at
     *     most once, and a repeat returns the recorded result
     * @param key the key
     * @param baseVersion the tag the client last saw for the key (0: no entry), or {@link #ANY}
     * @param tag the tag a put gives its entry, or 0 for the version the write is given
     * @param value the bytes to store (the client's sealed envelope), or null to delete
     */
    public record Operation(String clientId, long seq, String key, long baseVersion, long tag, byte[] value) {

        /** An operation whose entry's tag is the version it is given. */
        public Operation(String clientId, long seq, String key, long baseVersion, byte[] value) {
            this(clientId, seq, key, baseVersion, 0, value);
        }

        /**
         * Checks presence; the server checks the rest and rejects with a reason.
         *
         * @throws NullPointerException if clientId or key is null
         */
        public Operation {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(key, "key");
        }

        /** Returns whether this operation deletes its key. */
        public boolean isDelete() {
            return value == null;
        }

        @Override
        public String toString() {
            return "Operation[" + clientId + "#" + seq + (isDelete() ? " delete" : " put " + value.length + " bytes")
                    + " base " + baseVersion + "]";
        }
    }

    /**
     * The fate of one operation.
     *
     * @param status applied, conflict or rejected
     * @param version applied: the new version; conflict: the version of the key's latest write
     *     (0 if it was never written); rejected: 0
     * @param tag applied: the entry's tag; conflict: the key's current tag (0 when deleted or
     *     never written); rejected: 0
     * @param value conflict: the key's current value (null when deleted or never written);
     *     otherwise null
     * @param reason rejected: one of the reject reasons of this class; otherwise null
     */
    public record Result(Status status, long version, long tag, byte[] value, String reason) {

        /**
         * Checks that the status is present.
         *
         * @throws NullPointerException if status is null
         */
        public Result {
            Objects.requireNonNull(status, "status");
        }

        /** Returns an applied result. */
        public static Result applied(long version, long tag) {
            return new Result(Status.APPLIED, version, tag, null, null);
        }

        /** Returns a conflict result carrying the server's state of the key. */
        public static Result conflict(long version, long tag, byte[] value) {
            return new Result(Status.CONFLICT, version, tag, value, null);
        }

        /** Returns a rejected result. */
        public static Result rejected(String reason) {
            return new Result(Status.REJECTED, 0, 0, null, Objects.requireNonNull(reason, "reason"));
        }

        @Override
        public String toString() {
            return status.wire() + (status == Status.REJECTED ? " " + reason : " v" + version + " tag " + tag);
        }
    }

    /**
     * The body of a push: operations applied in order, in one transaction.
     *
     * @param operations the operations
     * @param atomic when true, the push applies all its operations or none: if one is a
     *     conflict or rejected, nothing is written or recorded and the others are rejected with
     *     {@link #BATCH_ABORTED}
     */
    public record Push(List<Operation> operations, boolean atomic) {

        /** Copies the list. */
        public Push {
            operations = List.copyOf(operations);
        }

        /** A push whose operations succeed or fail one by one. */
        public Push(List<Operation> operations) {
            this(operations, false);
        }
    }

    /** The answer to a push: one result per operation, in the same order. */
    public record PushResult(List<Result> results) {

        /** Copies the list. */
        public PushResult {
            results = List.copyOf(results);
        }
    }

    /**
     * A key's latest state in a pull.
     *
     * @param key the key
     * @param version the version of the key's latest write
     * @param tag the entry's tag (0 for a tombstone)
     * @param deleted whether that write was a delete (a tombstone)
     * @param value the value, or null for tombstones and for pulls without values
     */
    public record Change(String key, long version, long tag, boolean deleted, byte[] value) {

        /** Checks presence of the key. */
        public Change {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "Change[v" + version + (deleted ? " deleted" : "") + "]";
        }
    }

    /**
     * A page of a pull: each key changed after the cursor, once, at its latest version, in
     * version order.
     *
     * @param changes the changes
     * @param cursor the version to pull after next time: the last change's version, or, when
     *     nothing more follows, at least the scope's version when the pull began
     * @param more whether more changes follow after {@code cursor}
     */
    public record Changes(List<Change> changes, long cursor, boolean more) {

        /** Copies the list. */
        public Changes {
            changes = List.copyOf(changes);
        }
    }

    /**
     * One stored value and its version.
     *
     * @param key the key
     * @param version the version of its latest write
     * @param tag its tag
     * @param value the value
     */
    public record Entry(String key, long version, long tag, byte[] value) {

        /** Checks presence. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Entry[v" + version + ", " + value.length + " bytes]";
        }
    }

    /**
     * The state of a scope.
     *
     * @param version the scope's latest version (0 before its first write)
     * @param horizon tombstones at or below this version are pruned; a pull after a cursor
     *     between 0 and the horizon (exclusive) is answered with a reset
     * @param entries live keys
     * @param bytes the sum of their values' lengths
     */
    public record ScopeInfo(long version, long horizon, long entries, long bytes) {
    }

    /**
     * The answer to a watch: the scope's version when it moved past the client's cursor or when
     * the wait timed out.
     *
     * @param version the scope's latest version
     */
    public record Watch(long version) {
    }

    /**
     * An error answer.
     *
     * @param error a stable code such as {@code unauthorized}, {@code reset},
     *     {@code body_too_large}, {@code too_many_operations}
     * @param message a sentence for people; never contains values, keys or tokens
     * @param horizon for {@code reset}: the horizon to restart below; otherwise 0
     */
    public record Problem(String error, String message, long horizon) {

        /** Checks presence. */
        public Problem {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
        }
    }

    private static final Codec<Status> STATUS = Codecs.strings().map(Status::fromWire, Status::wire);
    private static final Codec<byte[]> OPTIONAL_BYTES = Codecs.nullable(Codecs.bytes());
    private static final Codec<String> OPTIONAL_STRING = Codecs.nullable(Codecs.strings());

    private static final Codec<Operation> OPERATION = Codecs.record(Protocol::operation,
            Codecs.field("clientId", Codecs.strings(), Operation::clientId),
            Codecs.field("seq", Codecs.longs(), Operation::seq),
            Codecs.field("key", Codecs.strings(), Operation::key),
            Codecs.field("baseVersion", Codecs.longs(), Operation::baseVersion),
            Codecs.field("tag", Codecs.longs(), Operation::tag).withDefault(0L),
            Codecs.field("op", Codecs.strings(), o -> o.isDelete() ? "delete" : "put"),
            Codecs.field("value", OPTIONAL_BYTES, Operation::value));

    private static Operation operation(String clientId, Long seq, String key, Long base, Long tag, String op,
            byte[] value) {
        if (op.equals("put")) {
            if (value == null) {
                throw new IllegalArgumentException("a put needs a value");
            }
        } else if (op.equals("delete")) {
            if (value != null) {
                throw new IllegalArgumentException("a delete carries no value");
            }
        } else {
            throw new IllegalArgumentException("op must be put or delete");
        }
        return new Operation(clientId, seq, key, base, tag, value);
    }

    private static final Codec<Result> RESULT = Codecs.record(Result::new,
            Codecs.field("status", STATUS, Result::status),
            Codecs.field("version", Codecs.longs(), Result::version).withDefault(0L),
            Codecs.field("tag", Codecs.longs(), Result::tag).withDefault(0L),
            Codecs.field("value", OPTIONAL_BYTES, Result::value),
            Codecs.field("reason", OPTIONAL_STRING, Result::reason));

    private static final Codec<Change> CHANGE = Codecs.record(Change::new,
            Codecs.field("key", Codecs.strings(), Change::key),
            Codecs.field("version", Codecs.longs(), Change::version),
            Codecs.field("tag", Codecs.longs(), Change::tag).withDefault(0L),
            Codecs.field("deleted", Codecs.booleans(), Change::deleted).withDefault(false),
            Codecs.field("value", OPTIONAL_BYTES, Change::value));

    /** JSON of a push request: {@code {"operations":[...]}}. */
    public static final Serializer<Push> PUSH = Serializers.json(Codecs.record(Push::new,
            Codecs.field("operations", Codecs.lists(OPERATION), Push::operations),
            Codecs.field("atomic", Codecs.booleans(), Push::atomic).withDefault(false)));

    /** JSON of a push answer: {@code {"results":[...]}}. */
    public static final Serializer<PushResult> PUSH_RESULT = Serializers.json(Codecs.record(PushResult::new,
            Codecs.field("results", Codecs.lists(RESULT), PushResult::results)));

    /** JSON of a pull answer. */
    public static final Serializer<Changes> CHANGES = Serializers.json(Codecs.record(Changes::new,
            Codecs.field("changes", Codecs.lists(CHANGE), Changes::changes),
            Codecs.field("cursor", Codecs.longs(), Changes::cursor),
            Codecs.field("more", Codecs.booleans(), Changes::more)));

    /** JSON of an entry read. */
    public static final Serializer<Entry> ENTRY = Serializers.json(Codecs.record(Entry::new,
            Codecs.field("key", Codecs.strings(), Entry::key),
            Codecs.field("version", Codecs.longs(), Entry::version),
            Codecs.field("tag", Codecs.longs(), Entry::tag),
            Codecs.field("value", Codecs.bytes(), Entry::value)));

    /** JSON of a scope's state. */
    public static final Serializer<ScopeInfo> SCOPE_INFO = Serializers.json(Codecs.record(ScopeInfo::new,
            Codecs.field("version", Codecs.longs(), ScopeInfo::version),
            Codecs.field("horizon", Codecs.longs(), ScopeInfo::horizon),
            Codecs.field("entries", Codecs.longs(), ScopeInfo::entries),
            Codecs.field("bytes", Codecs.longs(), ScopeInfo::bytes)));

    /** JSON of a watch answer. */
    public static final Serializer<Watch> WATCH = Serializers.json(Codecs.record(Watch::new,
            Codecs.field("version", Codecs.longs(), Watch::version)));

    /** JSON of an error answer. */
    public static final Serializer<Problem> PROBLEM = Serializers.json(Codecs.record(Problem::new,
            Codecs.field("error", Codecs.strings(), Problem::error),
            Codecs.field("message", Codecs.strings(), Problem::message),
            Codecs.field("horizon", Codecs.longs(), Problem::horizon).withDefault(0L)));

    /**
     * Returns whether {@code scope} is a valid scope name: 1 to 128 characters from
     * {@code A-Z a-z 0-9 . _ -}, so it needs no escaping in a path.
     */
    public static boolean isValidScope(String scope) {
        if (scope == null || scope.isEmpty() || scope.length() > 128) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Returns the key as base64url of its UTF-8 bytes, without padding: how keys travel in a query. */
    public static String keyParameter(String key) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
