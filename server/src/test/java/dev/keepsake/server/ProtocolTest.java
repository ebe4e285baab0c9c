package dev.keepsake.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.remote.Protocol;
import dev.keepsake.core.remote.Protocol.Change;
import dev.keepsake.core.remote.Protocol.Changes;
import dev.keepsake.core.remote.Protocol.Operation;
import dev.keepsake.core.remote.Protocol.Result;
import dev.keepsake.core.remote.Protocol.Status;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol's push, pull, watch and limits against an in-process server on SQLite. */
class ProtocolTest {

    @TempDir
    Path dir;

    SyncServer server;
    Http http;
    String token;
    String scope = "doc";

    @BeforeEach
    void start() throws Exception {
        String[] store = {"--data", dir.resolve("sync.db").toString()};
        token = TestSupport.createToken(store, true, "*");
        server = SyncServer.start(ServerConfig.builder().port(0).sqlite(dir.resolve("sync.db"))
                .keepTombstones(3).maxOperations(50).maxBodyBytes(64 * 1024).maxValueBytes(1000).build());
        http = new Http(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static Operation put(String client, long seq, String key, long base, String value) {
        return new Operation(client, seq, key, base, value.getBytes(StandardCharsets.UTF_8));
    }

    static Operation delete(String client, long seq, String key, long base) {
        return new Operation(client, seq, key, base, null);
    }

    List<Result> push(Operation... ops) {
        HttpResponse<byte[]> r = http.post("/v1/scopes/" + scope + "/push", token,
                Protocol.PUSH.serialize(new Protocol.Push(List.of(ops))));
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return Protocol.PUSH_RESULT.deserialize(r.body()).results();
    }

    Changes pull(long after, int limit) {
        HttpResponse<byte[]> r = http.get("/v1/scopes/" + scope + "/changes?after=" + after + "&limit=" + limit, token);
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return Protocol.CHANGES.deserialize(r.body());
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void anOperationOnTheCurrentVersionIsAppliedWithTheScopesNextVersion() {
        assertEquals(List.of(Result.applied(1, 1).toString(), Result.applied(2, 2).toString()),
                push(put("c", 1, "a", 0, "one"), put("c", 2, "b", 0, "two")).stream().map(Result::toString).toList());
        assertEquals(Result.applied(3, 3).toString(), push(put("c", 3, "a", 1, "uno")).get(0).toString());
    }

    @Test
    void anOperationOnAnOldVersionIsAConflictCarryingTheServersVersionAndValue() {
        push(put("c", 1, "a", 0, "mine"));
        Result r = push(put("d", 1, "a", 0, "theirs")).get(0);
        assertEquals(Status.CONFLICT, r.status());
        assertEquals(1, r.version());
        assertEquals("mine", text(r.value()));
        Result gone = push(delete("c", 2, "a", 1), put("d", 2, "a", 1, "late")).get(1);
        assertEquals(Status.CONFLICT, gone.status());
        assertEquals(2, gone.version());
        assertNull(gone.value(), "a deleted key's conflict carries no value");
    }

    @Test
    void aReplayedClientIdAndSeqReturnsTheRecordedResultAndIsNeverAppliedTwice() {
        Operation op = put("c", 1, "a", 0, "once");
        Result first = push(op).get(0);
        Result again = push(op).get(0);
        assertEquals(first.toString(), again.toString());
        assertEquals(1, pull(0, 100).changes().get(0).version(), "the replay wrote nothing");
        Result conflict = push(put("d", 1, "a", 0, "x")).get(0);
        push(put("c", 2, "a", 1, "moved"));
        Result replayedConflict = push(put("d", 1, "a", 0, "x")).get(0);
        assertEquals(Status.CONFLICT, replayedConflict.status());
        assertEquals(conflict.version(), replayedConflict.version(), "the recorded conflict, not a new check");
        assertEquals("once", text(replayedConflict.value()));
        List<Result> inOneRequest = push(put("e", 1, "b", 0, "x"), put("e", 1, "b", 0, "x"));
        assertEquals(inOneRequest.get(0).toString(), inOneRequest.get(1).toString());
        assertEquals(3, pull(0, 100).cursor());
    }

    @Test
    void aRejectedOperationNeverBlocksTheOnesAfterIt() {
        List<Result> r = push(put("c", 1, "big", 0, "x".repeat(1001)), put("c", 2, "a", 0, "fine"),
                put("c", 3, "b", -2, "below ANY"), put("", 4, "b", 0, "no client"), put("c", 5, "b", 0, "fine"));
        assertEquals(Status.REJECTED, r.get(0).status());
        assertEquals(Protocol.VALUE_TOO_LARGE, r.get(0).reason());
        assertEquals(Status.APPLIED, r.get(1).status());
        assertEquals(Protocol.INVALID_BASE_VERSION, r.get(2).reason());
        assertEquals(Protocol.INVALID_OPERATION, r.get(3).reason());
        assertEquals(Status.APPLIED, r.get(4).status());
        assertEquals(2, r.get(4).version());
        assertEquals(Protocol.VALUE_TOO_LARGE, push(put("c", 1, "big", 0, "small now")).get(0).reason(),
                "a rejection is recorded too");
    }

    @Test
    void concurrentPushersGetEveryVersionExactlyOnceWithoutGaps() throws Exception {
        int writers = 6;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String client = "w" + w;
            futures.add(pool.submit(() -> {
                List<Long> versions = new ArrayList<>();
                for (int i = 1; i <= each; i++) {
                    Result r = push(put(client, i, client + "-" + i, 0, "v")).get(0);
                    assertEquals(Status.APPLIED, r.status());
                    versions.add(r.version());
                }
                return versions;
            }));
        }
        Set<Long> all = new TreeSet<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(writers * each, all.size(), "no version was handed out twice");
        assertEquals(1L, all.iterator().next());
        assertEquals((long) writers * each, ((TreeSet<Long>) all).last(), "no gaps");
    }

    @Test
    void pullReturnsEachKeysLatestChangeInVersionOrderPageByPage() {
        push(put("c", 1, "a", 0, "1"), put("c", 2, "b", 0, "2"), put("c", 3, "c", 0, "3"));
        push(put("c", 4, "a", 1, "4"), delete("c", 5, "b", 2));
        Changes first = pull(0, 2);
        assertTrue(first.more());
        assertEquals(List.of("c", "a"), first.changes().stream().map(Change::key).toList());
        assertEquals(List.of(3L, 4L), first.changes().stream().map(Change::version).toList());
        Changes second = pull(first.cursor(), 2);
        assertFalse(second.more());
        Change b = second.changes().get(0);
        assertEquals("b", b.key());
        assertTrue(b.deleted(), "a delete is pulled as a tombstone");
        assertNull(b.value());
        assertEquals(5, second.cursor());
        Changes none = pull(5, 2);
        assertEquals(List.of(), none.changes());
        assertEquals(5, none.cursor());
        assertFalse(none.more());
    }

    @Test
    void aCursorBehindTheTombstoneHorizonGetsAResetAndZeroNever() {
        push(put("c", 1, "a", 0, "1"), put("c", 2, "b", 0, "2"));
        push(delete("c", 3, "a", 1));
        for (int i = 0; i < 4; i++) {
            push(put("c", 4 + i, "b", 2 + i, "again"));
        }
        HttpResponse<byte[]> r = http.get("/v1/scopes/" + scope + "/changes?after=1", token);
        assertEquals(410, r.statusCode());
        Protocol.Problem p = Protocol.PROBLEM.deserialize(r.body());
        assertEquals("reset", p.error());
        assertEquals(3, p.horizon());
        Changes all = pull(0, 100);
        assertEquals(List.of("b"), all.changes().stream().map(Change::key).toList(), "the pruned tombstone is gone");
        assertEquals(200, http.get("/v1/scopes/" + scope + "/changes?after=3", token).statusCode());
    }

    @Test
    void aWatchAnswersAsSoonAsTheScopeMovesAndOtherwiseAtItsTimeout() throws Exception {
        push(put("c", 1, "a", 0, "1"));
        long started = System.nanoTime();
        HttpResponse<byte[]> idle = http.get("/v1/scopes/" + scope + "/watch?after=1&timeout=300", token);
        assertEquals(1, Protocol.WATCH.deserialize(idle.body()).version());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(290), "it waited for the timeout");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<HttpResponse<byte[]>> watch = pool.submit(
                () -> http.get("/v1/scopes/" + scope + "/watch?after=1&timeout=20000", token));
        Thread.sleep(200);
        long pushed = System.nanoTime();
        push(put("c", 2, "a", 1, "2"));
        HttpResponse<byte[]> moved = watch.get(10, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - pushed < TimeUnit.SECONDS.toNanos(10),
                "woken by the push, not the 20 s timeout");
        assertEquals(2, Protocol.WATCH.deserialize(moved.body()).version());
        assertEquals(2, Protocol.WATCH.deserialize(http.get("/v1/scopes/" + scope + "/watch?after=0", token).body())
                .version(),
                "a watch behind the scope answers at once");
        pool.shutdown();
    }

    @Test
    void limitsAreTypedErrorsNotDroppedConnections() {
        byte[] big = new byte[70 * 1024];
        HttpResponse<byte[]> body = http.post("/v1/scopes/" + scope + "/push", token, big);
        assertEquals(413, body.statusCode());
        assertEquals("body_too_large", Protocol.PROBLEM.deserialize(body.body()).error());
        List<Operation> many = new ArrayList<>();
        for (int i = 1; i <= 51; i++) {
            many.add(put("c", i, "k" + i, 0, "v"));
        }
        HttpResponse<byte[]> ops = http.post("/v1/scopes/" + scope + "/push", token,
                Protocol.PUSH.serialize(new Protocol.Push(many)));
        assertEquals(413, ops.statusCode());
        assertEquals("too_many_operations", Protocol.PROBLEM.deserialize(ops.body()).error());
        assertEquals(0, pull(0, 100).changes().size(), "nothing of a refused push was applied");
        HttpResponse<byte[]> bad = http.post("/v1/scopes/" + scope + "/push", token,
                "{\"operations\":[{]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, bad.statusCode());
        assertEquals("bad_request", Protocol.PROBLEM.deserialize(bad.body()).error());
        assertEquals(400, http.get("/v1/scopes/bad%20scope/changes", token).statusCode());
        assertEquals(404, http.get("/v1/nothing", token).statusCode());
        assertEquals(405, http.get("/v1/scopes/" + scope + "/push", token).statusCode());
    }

    @Test
    void anEntryIsReadByItsKeyAndAScopeReportsItsCounts() {
        String awkward = "nul\u0000 / ../ \uD83D\uDE00";
        push(put("c", 1, awkward, 0, "value"), put("c", 2, "gone", 0, "x"), delete("c", 3, "gone", 2));
        HttpResponse<byte[]> r = http.get("/v1/scopes/" + scope + "/entry?key=" + Protocol.keyParameter(awkward),
                token);
        assertEquals(200, r.statusCode());
        Protocol.Entry e = Protocol.ENTRY.deserialize(r.body());
        assertEquals(awkward, e.key());
        assertEquals(1, e.version());
        assertArrayEquals("value".getBytes(StandardCharsets.UTF_8), e.value());
        assertEquals(404, http.get("/v1/scopes/" + scope + "/entry?key=" + Protocol.keyParameter("gone"), token)
                .statusCode());
        assertEquals(400, http.get("/v1/scopes/" + scope + "/entry?key=%2F%2F", token).statusCode());
        Protocol.ScopeInfo info = Protocol.SCOPE_INFO.deserialize(http.get("/v1/scopes/" + scope, token).body());
        assertEquals(new Protocol.ScopeInfo(3, 0, 1, 5), info);
    }

    @Test
    void anAtomicPushAppliesAllItsOperationsOrNoneAndRecordsNothingWhenAborted() {
        push(put("c", 1, "a", 0, "1"));
        HttpResponse<byte[]> r = http.post("/v1/scopes/" + scope + "/push", token,
                Protocol.PUSH.serialize(new Protocol.Push(
                List.of(put("d", 1, "b", 0, "2"), put("d", 2, "a", 0, "stale"), put("d", 3, "c", 0, "3")), true)));
        List<Result> results = Protocol.PUSH_RESULT.deserialize(r.body()).results();
        assertEquals(Protocol.BATCH_ABORTED, results.get(0).reason());
        assertEquals(Status.CONFLICT, results.get(1).status());
        assertEquals(1, results.get(1).tag());
        assertEquals(Protocol.BATCH_ABORTED, results.get(2).reason());
        assertEquals(List.of("a"), pull(0, 100).changes().stream().map(Change::key).toList(),
                "nothing of it was applied");
        List<Result> again = Protocol.PUSH_RESULT.deserialize(http.post("/v1/scopes/" + scope + "/push", token,
                Protocol.PUSH.serialize(
                        new Protocol.Push(List.of(put("d", 1, "b", 0, "2"), put("d", 2, "a", 1, "fresh")), true)))
                .body())
                .results();
        assertEquals(List.of(Status.APPLIED, Status.APPLIED), again.stream().map(Result::status).toList(),
                "an aborted (clientId, seq) was not recorded, so it can still apply");
    }

    @Test
    void aWriterMayChooseItsEntrysTagAndWriteUnconditionally() {
        Result tagged = push(new Operation("c", 1, "k", 0, 123_456_789L, "v".getBytes(StandardCharsets.UTF_8))).get(0);
        assertEquals(1, tagged.version());
        assertEquals(123_456_789L, tagged.tag());
        assertEquals(Status.CONFLICT, push(put("c", 2, "k", 1, "x")).get(0).status(),
                "the tag, not the version, is compared");
        assertEquals(Status.APPLIED, push(put("c", 3, "k", 123_456_789L, "y")).get(0).status());
        Result blind = push(put("d", 1, "k", Protocol.ANY, "z")).get(0);
        assertEquals(Status.APPLIED, blind.status());
        assertEquals(3, blind.tag());
        HttpResponse<byte[]> e = http.get("/v1/scopes/" + scope + "/entry?key=" + Protocol.keyParameter("k"), token);
        assertEquals(3, Protocol.ENTRY.deserialize(e.body()).tag());
    }
}
