package dev.keepsake.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keepsake.core.remote.Protocol.Change;
import dev.keepsake.core.remote.Protocol.Changes;
import dev.keepsake.core.remote.Protocol.Operation;
import dev.keepsake.core.remote.Protocol.Push;
import dev.keepsake.core.remote.Protocol.PushResult;
import dev.keepsake.core.remote.Protocol.Result;
import dev.keepsake.core.remote.Protocol.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A deterministic, seeded simulation of the sync protocol: N clients with durable outboxes and
 * a model of the server's push and pull (the same rules as the server's store: base versions
 * compared with tags, results recorded per {@code (clientId, seq)}, versions from one counter,
 * tombstones pruned behind a horizon). Every message travels as the protocol's JSON through a
 * network that drops, duplicates, delays and reorders; clients and the server crash between
 * steps (a client keeps what it stored durably; a server crash loses every message in flight,
 * and a push in progress either commits or not). After a quiet phase (reliable network, no
 * new operations) the test checks: every operation has a fate the client knows and that equals
 * the server's record; none applied twice; versions have no gaps; every client's view equals
 * the server's state.
 */
class SyncSimulationTest {

    private static final int CLIENTS = 4;
    private static final int KEYS = 6;
    private static final int KEEP_TOMBSTONES = 5;
    private static final int MAX_VALUE = 8;

    @Test
    void everyOperationEndsAppliedConflictOrRejectedExactlyOnceAndClientsConverge() {
        Map<String, Integer> seen = new TreeMap<>();
        for (long seed = 1; seed <= 300; seed++) {
            World world = new World(seed);
            try {
                world.run(1500);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
            world.count(seen);
        }
        // The runs did meet what they are meant to survive.
        for (String event : List.of("drop", "dup", "crash", "server crash", "server crash after commit", "reset",
                "repeated answer", "applied", "conflict", "rejected")) {
            assertTrue(seen.getOrDefault(event, 0) > 50, event + " happened " + seen.get(event) + " times: " + seen);
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertEquals(new World(42).run(1500), new World(42).run(1500));
    }

    /** The server model: what the store keeps, with the store's rules. */
    static final class Server {
        long version;
        long horizon;
        final TreeMap<String, long[]> meta = new TreeMap<>();       // key -> {version, tag}; tag 0 = tombstone
        final Map<String, byte[]> values = new HashMap<>();
        final Map<String, Result> log = new HashMap<>();
        final List<Long> appliedVersions = new ArrayList<>();

        PushResult push(Push push) {
            List<Result> results = new ArrayList<>();
            for (Operation op : push.operations()) {
                String id = op.clientId() + "#" + op.seq();
                Result recorded = log.get(id);
                if (recorded != null) {
                    results.add(recorded);
                    continue;
                }
                Result r;
                if (op.value() != null && op.value().length > MAX_VALUE) {
                    r = Result.rejected(Protocol.VALUE_TOO_LARGE);
                } else {
                    long[] m = meta.get(op.key());
                    long currentTag = m == null ? 0 : m[1];
                    if (op.baseVersion() != Protocol.ANY && currentTag != op.baseVersion()) {
                        r = Result.conflict(m == null ? 0 : m[0], currentTag, values.get(op.key()));
                    } else {
                        version++;
                        long tag = op.isDelete() ? 0 : version;
                        meta.put(op.key(), new long[] {version, tag});
                        if (op.isDelete()) {
                            values.remove(op.key());
                        } else {
                            values.put(op.key(), op.value());
                        }
                        appliedVersions.add(version);
                        r = Result.applied(version, tag);
                    }
                }
                log.put(id, r);
                results.add(r);
            }
            prune();
            return new PushResult(results);
        }

        private void prune() {
            long threshold = version - KEEP_TOMBSTONES;
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, long[]> e : meta.entrySet()) {
                if (e.getValue()[1] == 0 && e.getValue()[0] <= threshold) {
                    gone.add(e.getKey());
                    horizon = Math.max(horizon, e.getValue()[0]);
                }
            }
            for (String k : gone) {
                meta.remove(k);
            }
        }

        /** Returns the changes after {@code after}, or null for a reset. */
        Changes pull(long after, int limit) {
            if (after > 0 && after < horizon) {
                return null;
            }
            List<Change> changes = new ArrayList<>();
            meta.entrySet().stream().sorted((a, b) -> Long.compare(a.getValue()[0], b.getValue()[0]))
                    .filter(e -> e.getValue()[0] > after)
                    .forEach(e -> changes.add(new Change(e.getKey(), e.getValue()[0], e.getValue()[1],
                            e.getValue()[1] == 0, values.get(e.getKey()))));
            boolean more = changes.size() > limit;
            List<Change> page = more ? changes.subList(0, limit) : changes;
            long last = page.isEmpty() ? after : page.get(page.size() - 1).version();
            // Without more, the page reaches the head: the cursor is the scope's version.
            return new Changes(page, more ? last : Math.max(last, version), more);
        }
    }

    /** A message in flight: to the server (a push or pull request) or to a client (an answer). */
    record Message(int client, boolean toServer, String kind, long after, long[] seqs, String[] keys, byte[] body,
            int due) {
    }

    /** A client: durable outbox, fates, view and cursor; volatile outstanding requests. */
    static final class Client {
        final String id;
        // durable
        long nextSeq = 1;
        final List<Operation> outbox = new ArrayList<>();
        final Map<Long, Result> fates = new HashMap<>();
        final Map<String, long[]> view = new HashMap<>();   // key -> {tag}
        final Map<String, byte[]> viewValues = new HashMap<>();
        long cursor;
        // volatile
        int pushSentAt = -1;
        int pullSentAt = -1;

        Client(String id) {
            this.id = id;
        }
    }

    static final class World {
        final Random random;
        final Server server = new Server();
        final List<Client> clients = new ArrayList<>();
        final List<Message> network = new ArrayList<>();
        final List<String> trace = new ArrayList<>();
        int now;
        boolean quiet;
        int generated;

        World(long seed) {
            random = new Random(seed);
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new Client("client" + i));
            }
        }

        /** Runs {@code steps} chaotic steps, then the quiet phase; checks; returns a fingerprint. */
        String run(int steps) {
            for (int i = 0; i < steps; i++) {
                step();
            }
            quiet = true;
            int guard = 0;
            while (!settled()) {
                step();
                assertTrue(++guard < 100_000, "no quiescence");
            }
            check();
            return server.version + " " + server.log.size() + " " + trace.hashCode();
        }

        boolean settled() {
            if (!network.isEmpty()) {
                return false;
            }
            for (Client c : clients) {
                if (!c.outbox.isEmpty() || c.cursor < server.version) {
                    return false;
                }
            }
            return true;
        }

        void step() {
            now++;
            int roll = random.nextInt(100);
            Client c = clients.get(random.nextInt(clients.size()));
            if (quiet) {
                // Reliable: deliver in order, push and pull until nothing is left.
                if (!network.isEmpty()) {
                    deliver(network.remove(0));
                } else if (!c.outbox.isEmpty()) {
                    sendPush(c);
                } else if (c.cursor < server.version) {
                    sendPull(c);
                }
                return;
            }
            if (roll < 20) {
                generate(c);
            } else if (roll < 35) {
                if (c.pushSentAt < 0 || now - c.pushSentAt > 30) {
                    sendPush(c);
                }
            } else if (roll < 45) {
                if (c.pullSentAt < 0 || now - c.pullSentAt > 30) {
                    sendPull(c);
                }
            } else if (roll < 75) {
                deliverSomething();
            } else if (roll < 82) {
                if (!network.isEmpty()) {
                    trace.add("drop");
                    network.remove(random.nextInt(network.size()));
                }
            } else if (roll < 88) {
                if (!network.isEmpty()) {
                    Message m = network.get(random.nextInt(network.size()));
                    trace.add("dup");
                    network.add(new Message(m.client, m.toServer, m.kind, m.after, m.seqs, m.keys, m.body,
                            now + random.nextInt(20)));
                }
            } else if (roll < 94) {
                trace.add("crash " + c.id);
                c.pushSentAt = -1;
                c.pullSentAt = -1;
                network.removeIf(m -> !m.toServer && m.client == clients.indexOf(c));
            } else if (roll < 97) {
                trace.add("server crash");
                network.clear();
            } // else: time passes (a delay)
        }

        void generate(Client c) {
            String key = "k" + random.nextInt(KEYS);
            long[] seen = c.view.get(key);
            long base = random.nextInt(10) == 0 ? Protocol.ANY : seen == null ? 0 : seen[0];
            byte[] value;
            int kind = random.nextInt(10);
            if (kind < 2) {
                value = null;
            } else if (kind < 3) {
                value = new byte[MAX_VALUE + 1]; // rejected; must not block what follows
            } else {
                value = new byte[] {(byte) generated, (byte) c.id.hashCode()};
            }
            generated++;
            c.outbox.add(new Operation(c.id, c.nextSeq++, key, base, value));
        }

        void sendPush(Client c) {
            if (c.outbox.isEmpty()) {
                return;
            }
            List<Operation> ops = new ArrayList<>(c.outbox.subList(0, Math.min(3, c.outbox.size())));
            c.pushSentAt = now;
            long[] seqs = ops.stream().mapToLong(Operation::seq).toArray();
            String[] keys = ops.stream().map(Operation::key).toArray(String[]::new);
            network.add(new Message(clients.indexOf(c), true, "push", 0, seqs, keys,
                    Protocol.PUSH.serialize(new Push(ops)),
                    now + (quiet ? 0 : random.nextInt(10))));
        }

        void sendPull(Client c) {
            c.pullSentAt = now;
            network.add(new Message(clients.indexOf(c), true, "pull", c.cursor, null, null, null,
                    now + (quiet ? 0 : random.nextInt(10))));
        }

        void deliverSomething() {
            List<Integer> ready = new ArrayList<>();
            for (int i = 0; i < network.size(); i++) {
                if (network.get(i).due <= now) {
                    ready.add(i);
                }
            }
            if (!ready.isEmpty()) {
                deliver(network.remove((int) ready.get(random.nextInt(ready.size()))));
            }
        }

        void deliver(Message m) {
            trace.add(m.kind + (m.toServer ? ">" : "<") + m.client);
            if (m.toServer) {
                if (m.kind.equals("push")) {
                    PushResult result = server.push(Protocol.PUSH.deserialize(m.body));
                    if (!quiet && random.nextInt(20) == 0) {
                        trace.add("server crash after commit");
                        network.clear();
                        return;
                    }
                    network.add(new Message(m.client, false, "pushed", 0, m.seqs, m.keys,
                            Protocol.PUSH_RESULT.serialize(result),
                            now + (quiet ? 0 : random.nextInt(10))));
                } else {
                    Changes changes = server.pull(m.after, 4);
                    byte[] body = changes == null
                            ? Protocol.PROBLEM.serialize(new Protocol.Problem("reset", "pull from 0", server.horizon))
                            : Protocol.CHANGES.serialize(changes);
                    network.add(new Message(m.client, false, changes == null ? "reset" : "changes", m.after, null, null,
                            body,
                            now + (quiet ? 0 : random.nextInt(10))));
                }
                return;
            }
            Client c = clients.get(m.client);
            switch (m.kind) {
                case "pushed" -> onPushed(c, m.seqs, m.keys, Protocol.PUSH_RESULT.deserialize(m.body));
                case "changes" -> onChanges(c, m.after, Protocol.CHANGES.deserialize(m.body));
                default -> onReset(c, m.after);
            }
        }

        void onPushed(Client c, long[] seqs, String[] keys, PushResult answer) {
            // An answer belongs to the request it came back on, as an HTTP answer does: the client
            // knows which operations it sent. A late or repeated answer must repeat the fates.
            c.pushSentAt = -1;
            assertEquals(seqs.length, answer.results().size());
            for (int i = 0; i < seqs.length; i++) {
                long seq = seqs[i];
                Result r = answer.results().get(i);
                Result known = c.fates.putIfAbsent(seq, r);
                if (known != null) {
                    assertEquals(known.toString(), r.toString(), "a repeated answer changed a fate");
                    trace.add("repeated answer");
                    continue;
                }
                c.outbox.removeIf(op -> op.seq() == seq);
                if (r.status() == Status.CONFLICT) {
                    // The conflict carries the server's state of the key.
                    if (r.tag() == 0) {
                        c.view.remove(keys[i]);
                        c.viewValues.remove(keys[i]);
                    } else {
                        c.view.put(keys[i], new long[] {r.tag()});
                        c.viewValues.put(keys[i], r.value());
                    }
                }
            }
        }

        void onChanges(Client c, long after, Changes changes) {
            c.pullSentAt = -1;
            if (after != c.cursor) {
                return; // a late or repeated page: the client has moved on
            }
            for (Change ch : changes.changes()) {
                if (ch.deleted()) {
                    c.view.remove(ch.key());
                    c.viewValues.remove(ch.key());
                } else {
                    c.view.put(ch.key(), new long[] {ch.tag()});
                    c.viewValues.put(ch.key(), ch.value());
                }
            }
            c.cursor = changes.cursor();
            if (changes.more()) {
                sendPull(c);
            }
        }

        void onReset(Client c, long after) {
            c.pullSentAt = -1;
            if (after != c.cursor) {
                return;
            }
            trace.add("reset " + c.id);
            c.view.clear();
            c.viewValues.clear();
            c.cursor = 0;
            sendPull(c);
        }

        void count(Map<String, Integer> into) {
            for (String t : trace) {
                String event = t.startsWith("crash ") ? "crash" : t.startsWith("reset ") ? "reset" : t;
                into.merge(event, 1, Integer::sum);
            }
            for (Result r : server.log.values()) {
                into.merge(r.status().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
        }

        void check() {
            // Every operation has a fate the client knows, equal to the server's record.
            int fates = 0;
            for (Client c : clients) {
                for (long seq = 1; seq < c.nextSeq; seq++) {
                    Result known = c.fates.get(seq);
                    Result recorded = server.log.get(c.id + "#" + seq);
                    if (known == null || recorded == null) {
                        fail(c.id + "#" + seq + " has no fate (client " + known + ", server " + recorded + ")");
                    }
                    assertEquals(recorded.toString(), known.toString(), c.id + "#" + seq);
                    fates++;
                }
            }
            assertEquals(generated, fates);
            assertEquals(generated, server.log.size(), "one record per operation");
            // None applied twice, no gaps: the applied versions are exactly 1..version.
            long applied = server.log.values().stream().filter(r -> r.status() == Status.APPLIED).count();
            assertEquals(server.version, applied, "one version per applied operation");
            TreeSet<Long> versions = new TreeSet<>(server.appliedVersions);
            assertEquals(server.appliedVersions.size(), versions.size(), "a version was handed out twice");
            assertEquals(server.version, versions.isEmpty() ? 0 : versions.last());
            // Clients converge on the server's live state.
            Map<String, String> truth = new TreeMap<>();
            server.meta.forEach((k, m) -> {
                if (m[1] != 0) {
                    truth.put(k, m[1] + "=" + Arrays.toString(server.values.get(k)));
                }
            });
            for (Client c : clients) {
                Map<String, String> seen = new TreeMap<>();
                c.view.forEach((k, m) -> {
                    if (c.viewValues.containsKey(k)) {
                        seen.put(k, m[0] + "=" + Arrays.toString(c.viewValues.get(k)));
                    }
                });
                assertEquals(truth, seen, c.id + " converged");
                assertEquals(server.version, c.cursor, c.id + " pulled everything");
            }
        }
    }
}
