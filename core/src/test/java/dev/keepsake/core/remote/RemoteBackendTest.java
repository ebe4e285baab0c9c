package dev.keepsake.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.remote.Protocol.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** RemoteBackend's protocol logic against a scripted transport that injects faults. */
class RemoteBackendTest {

    /** Answers each request with the next scripted answer (a response, or null for no answer). */
    static final class ScriptedTransport implements Transport {
        final List<Request> requests = new ArrayList<>();
        final Deque<Function<Request, Response>> script = new ArrayDeque<>();

        @Override
        public Async<Response> send(Request request) {
            requests.add(request);
            Response r = script.removeFirst().apply(request);
            return r == null
                    ? Async.failed(new BackendUnavailableException("test", null, "connection reset", null))
                    : Async.of(r);
        }

        ScriptedTransport then(Function<Request, Response> answer) {
            script.addLast(answer);
            return this;
        }
    }

    static Response results(Result... results) {
        return new Response(200, Protocol.PUSH_RESULT.serialize(new Protocol.PushResult(List.of(results))));
    }

    static Response status(int status, String error) {
        return new Response(status, Protocol.PROBLEM.serialize(new Protocol.Problem(error, "m", 0)));
    }

    record Response(int status, byte[] body) {
    }

    static RemoteBackend backend(ScriptedTransport t) {
        return RemoteBackend.open(t, "scope", bytes -> {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
        });
    }

    static Transport.Response http(Response r) {
        return new Transport.Response(r.status(), r.body());
    }

    static <T> Throwable failure(Async<T> async) {
        assertTrue(async.isFailed(), "expected a failure, got " + async);
        return async.failure();
    }

    @Test
    void aPushWithoutAnAnswerIsResentByteForByteSoTheServerAppliesItOnce() {
        ScriptedTransport t = new ScriptedTransport()
                .then(r -> null)
                .then(r -> http(status(503, "unavailable")))
                .then(r -> http(results(Result.applied(1, 7))));
        Async<Void> saved = backend(t).save("k", new byte[] {1});
        assertFalse(saved.isFailed(), () -> String.valueOf(saved.failure()));
        assertEquals(3, t.requests.size());
        assertArrayEquals(t.requests.get(0).body(), t.requests.get(1).body(), "the same clientId and seq");
        assertArrayEquals(t.requests.get(0).body(), t.requests.get(2).body());
        Protocol.Push push = Protocol.PUSH.deserialize(t.requests.get(0).body());
        assertTrue(push.atomic());
        assertEquals(Protocol.ANY, push.operations().get(0).baseVersion(), "a save is unconditional");
        assertEquals(1, push.operations().get(0).seq());
    }

    @Test
    void afterThreeSendsWithoutAnAnswerTheWriteFailsAsUnavailable() {
        ScriptedTransport t = new ScriptedTransport().then(r -> null).then(r -> null)
                .then(r -> http(status(503, "unavailable")));
        assertInstanceOf(BackendUnavailableException.class, failure(backend(t).save("k", new byte[] {1})));
        assertEquals(3, t.requests.size());
    }

    @Test
    void aConflictIsAConflictExceptionWithTheServersTag() {
        ScriptedTransport t = new ScriptedTransport()
                .then(r -> http(results(Result.rejected(Protocol.BATCH_ABORTED),
                        Result.conflict(5, 99, new byte[] {2}))));
        WriteBatch batch = WriteBatch.builder().put("a", new byte[] {1}).putIf("b", new byte[] {2}, 42).build();
        ConflictException e = assertInstanceOf(ConflictException.class, failure(backend(t).write(batch)));
        assertEquals("b", e.key());
        assertEquals(42, e.expectedVersion());
        assertEquals(99, e.currentVersion());
        Protocol.Operation b = Protocol.PUSH.deserialize(t.requests.get(0).body()).operations().get(1);
        assertEquals(42, b.baseVersion());
        assertEquals(batch.entries().get(1).version(), b.tag(), "the entry's own version travels as its tag");
    }

    @Test
    void refusalsAndLimitsBecomeTypedExceptions() {
        ScriptedTransport t = new ScriptedTransport()
                .then(r -> http(status(401, "unauthorized")))
                .then(r -> http(status(403, "forbidden")))
                .then(r -> http(status(413, "body_too_large")))
                .then(r -> http(results(Result.rejected(Protocol.VALUE_TOO_LARGE))));
        RemoteBackend backend = backend(t);
        assertInstanceOf(AccessDeniedException.class, failure(backend.save("k", new byte[1])));
        assertInstanceOf(AccessDeniedException.class, failure(backend.load("k")));
        assertInstanceOf(QuotaExceededException.class, failure(backend.save("k", new byte[1])));
        assertInstanceOf(QuotaExceededException.class, failure(backend.save("k", new byte[1])));
    }

    @Test
    void aVersionedLoadReturnsTheEntrysTagAndAMissingKeyIsAbsent() {
        ScriptedTransport t = new ScriptedTransport()
                .then(r -> http(new Response(200,
                        Protocol.ENTRY.serialize(new Protocol.Entry("k", 3, 1234, new byte[] {9})))))
                .then(r -> http(status(404, "not_found")));
        RemoteBackend backend = backend(t);
        Versioned v = backend.loadVersioned("k").peek();
        assertEquals(1234, v.version());
        assertArrayEquals(new byte[] {9}, v.value());
        assertEquals(Versioned.ABSENT, backend.loadVersioned("k").peek().version());
        assertTrue(t.requests.get(0).path().endsWith("/entry?key=" + Protocol.keyParameter("k")));
    }

    @Test
    void listingFollowsPagesAndStartsOverAfterAReset() {
        ScriptedTransport t = new ScriptedTransport()
                .then(r -> http(new Response(200, Protocol.CHANGES.serialize(new Protocol.Changes(
                        List.of(new Protocol.Change("a", 1, 1, false, null)), 1, true)))))
                .then(r -> http(status(410, "reset")))
                .then(r -> http(new Response(200, Protocol.CHANGES.serialize(new Protocol.Changes(
                        List.of(new Protocol.Change("b", 9, 9, false, null),
                                new Protocol.Change("c", 10, 0, true, null)), 10, false)))));
        List<String> keys = backend(t).listKeys().peek();
        assertEquals(List.of("b"), keys, "the reset dropped what came before it; tombstones are not keys");
        assertTrue(t.requests.get(2).path().contains("after=0"));
    }

    @Test
    void aScopeNameOutsideTheAlphabetIsRefusedAndKeysTravelAsBase64Url() {
        assertThrows(IllegalArgumentException.class,
                () -> RemoteBackend.open(new ScriptedTransport(), "a b", b -> { }));
        assertThrows(IllegalArgumentException.class, () -> RemoteBackend.open(new ScriptedTransport(), "", b -> { }));
        String awkward = "nul\u0000/+?&= \uD83D\uDE00";
        String parameter = Protocol.keyParameter(awkward);
        assertTrue(parameter.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_'), parameter);
        assertEquals(awkward, new String(java.util.Base64.getUrlDecoder().decode(parameter), StandardCharsets.UTF_8));
    }
}
