package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.time.Scheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An IndexedDB backend whose writes that have not committed when the page is hidden are kept
 * in a journal in localStorage, written synchronously in the hide event, so that they survive
 * the tab being closed or navigated away while IndexedDB's transaction still runs. The journal
 * is replayed into IndexedDB before this backend's first operation in the next page, and, a
 * moment later, by an open tab that follows a key another tab journaled.
 *
 * <h2>Journal format</h2>
 * <table>
 *   <caption>One localStorage entry per journaled key (a {@code LocalStorageBackend} with prefix
 *   {@value #PREFIX})</caption>
 *   <tr><th>localStorage key</th><th>value (Base64)</th></tr>
 *   <tr><td>{@code keepsake-journal:} namespace, storage key</td>
 *       <td>1 byte: 1 put, 0 delete; 8 bytes: the version the write gives the entry; 8 bytes:
 *       the version it expects, or -1 (unconditional); the value (puts only); 4 bytes:
 *       CRC-32C of those bytes followed by the journal key's UTF-16 code units (all
 *       big-endian)</td></tr>
 * </table>
 * The namespace ({@link StorageKeys#journalNamespace}) names the database and object store, so
 * journals of different stores never mix. An entry whose checksum does not match (changed by
 * other code) is dropped, never replayed.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>When the page is hidden, after every registered flush started its write: each write not
 *       yet committed is journaled, in one synchronous localStorage write, and then reported
 *       complete (it is as durable as localStorage makes it); writes started by that completion
 *       (a batch that waited behind it) are journaled the same way, before the event returns.</li>
 *   <li>A committed write removes the journal entries of its keys that still hold the records
 *       it journaled; an entry a newer write journaled since stays.</li>
 *   <li>A replay never overwrites a newer version: an entry is written only if the stored
 *       version is still the one its write expected (any, for an unconditional write), and is
 *       skipped if its own version is already stored. Every entry it decided on is then
 *       removed if unchanged. Operations wait for it; it holds a Web Lock named after the
 *       journal where the browser has them, so that two tabs do not replay at once.</li>
 * </ul>
 *
 * <p>Non-goals: writes that have not reached the backend when the page is hidden (an
 * asynchronous compressor or cipher still working, the backend still being chosen) are
 * attempted, not journaled; a journal that does not fit in localStorage's quota is not written
 * (the writes are then only attempted, as without a journal).
 */
final class JournaledBackend implements StorageBackend {

    /** The localStorage prefix of every journal. */
    static final String PREFIX = "keepsake-journal";

    /**
     * How long an open tab waits before replaying what another tab journaled: long enough for a
     * tab that was only hidden to see its own write commit and remove the entry first.
     */
    static final int LIVE_REPLAY_DELAY_MILLIS = 500;

    private final StorageBackend delegate;
    private final StorageBackend journal;
    private final String namespace;
    private final Locks locks;
    private final Scheduler scheduler;
    private final List<Flight> flights = new ArrayList<>();
    private Async<Void> replayed;
    private Async<Void> replayingSoon;

    /**
     * Journals writes to {@code delegate} in {@code journal} (a localStorage backend with prefix
     * {@link #PREFIX}) under {@code namespace}; replays under {@code locks}, live replays after a
     * delay on {@code scheduler}.
     */
    JournaledBackend(StorageBackend delegate, StorageBackend journal, String namespace, Locks locks,
            Scheduler scheduler) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Returns the prefix of this backend's journal keys. */
    String namespace() {
        return namespace;
    }

    /**
     * Replays the journal {@link #LIVE_REPLAY_DELAY_MILLIS} from now (once, however often
     * asked in between); completes when that replay has.
     */
    Async<Void> replaySoon() {
        if (replayingSoon == null) {
            Async.Completer<Void> done = Async.completer();
            replayingSoon = done.async();
            scheduler.schedule(LIVE_REPLAY_DELAY_MILLIS, () -> {
                replayingSoon = null;
                replayed = replayed().flatMap(ready -> replay()).recover(failure -> null);
                done.follow(replayed);
            });
        }
        return replayingSoon;
    }

    StorageBackend delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Async<Void> save(String key, byte[] value) {
        return write(WriteBatch.builder().put(key, value).build());
    }

    @Override
    public Async<Void> delete(String key) {
        return write(WriteBatch.builder().delete(key).build());
    }

    @Override
    public Async<byte[]> load(String key) {
        return replayed().flatMap(done -> delegate.load(key));
    }

    @Override
    public Async<Versioned> loadVersioned(String key) {
        return replayed().flatMap(done -> delegate.loadVersioned(key));
    }

    /** {@inheritDoc} Once the journal is replayed (it never fails), the delegate's read as it is. */
    @Override
    public Async<byte[]> loadOrNull(String key) {
        Async<Void> replayed = replayed();
        return replayed.isDone() ? delegate.loadOrNull(key) : replayed.flatMap(done -> delegate.loadOrNull(key));
    }

    @Override
    public Async<Boolean> exists(String key) {
        return replayed().flatMap(done -> delegate.exists(key));
    }

    @Override
    public Async<List<String>> listKeys() {
        return replayed().flatMap(done -> delegate.listKeys());
    }

    @Override
    public Async<StorageInfo> info() {
        return replayed().flatMap(done -> delegate.info());
    }

    /** {@inheritDoc} The journal of this backend is cleared with it. */
    @Override
    public Async<Void> clear() {
        return replayed().flatMap(done -> delegate.clear()).flatMap(done -> journaled().flatMap(keys -> {
            WriteBatch.Builder removal = WriteBatch.builder();
            for (String key : keys) {
                removal.delete(key);
            }
            return journal.write(removal.build());
        }));
    }

    /**
     * {@inheritDoc} Completes when the delegate committed the batch, or when the page was hidden
     * and the batch journaled, whichever comes first.
     */
    @Override
    public Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return replayed().flatMap(done -> {
            Flight flight = new Flight(batch);
            flights.add(flight);
            delegate.write(batch).whenComplete((written, failure) -> landed(flight, failure));
            return flight.done.async();
        });
    }

    /**
     * Journals every write that has not committed, and reports it complete; repeats for writes
     * that this starts, until none is left. Called when the page is hidden, after the flushes.
     */
    void journalUncommitted() {
        while (true) {
            List<Flight> open = new ArrayList<>();
            WriteBatch.Builder records = WriteBatch.builder();
            for (Flight flight : flights) {
                if (flight.records == null) {
                    open.add(flight);
                    List<WriteBatch.Entry> entries = flight.batch.entries();
                    flight.records = new byte[entries.size()][];
                    for (int i = 0; i < entries.size(); i++) {
                        String key = namespace + entries.get(i).key();
                        flight.records[i] = record(key, entries.get(i));
                        records.put(key, flight.records[i]);
                    }
                }
            }
            if (open.isEmpty() || journal.write(records.build()).isFailed()) {
                // Nothing left, or localStorage refused (full): the writes stay attempted.
                return;
            }
            for (Flight flight : open) {
                flight.done.complete(null);
            }
        }
    }

    /** A write reached IndexedDB (or failed): its journal entries are superseded. */
    private void landed(Flight flight, Throwable failure) {
        // By index, not remove(Object): TeaVM would then keep every class's equals (1.3 KB).
        for (int i = 0; i < flights.size(); i++) {
            if (flights.get(i) == flight) {
                flights.remove(i);
                break;
            }
        }
        if (failure != null) {
            // A journaled write that failed stays in the journal for the next replay.
            flight.done.fail(failure);
            return;
        }
        if (flight.records != null) {
            // A newer write journaled since holds another record (every write has its own
            // version), which stays.
            List<WriteBatch.Entry> entries = flight.batch.entries();
            for (int i = 0; i < entries.size(); i++) {
                removeIfUnchanged(namespace + entries.get(i).key(), flight.records[i]);
            }
        }
        flight.done.complete(null);
    }

    private void removeIfUnchanged(String journalKey, byte[] record) {
        // localStorage is synchronous: the comparison and the removal happen in one task.
        journal.load(journalKey).whenComplete((stored, failure) -> {
            if (stored != null && Arrays.equals(stored, record)) {
                journal.delete(journalKey);
            }
        });
    }

    // ---- replay ---------------------------------------------------------------------------

    /** Returns what completes when the journal found at first use has been replayed. */
    private Async<Void> replayed() {
        if (replayed == null) {
            replayed = replay().recover(failure -> null);
        }
        return replayed;
    }

    /**
     * Writes the journal into the delegate by the version rule, then removes the entries it
     * decided on; under a lock where there are locks.
     */
    private Async<Void> replay() {
        return locks.exclusive(PREFIX + ':' + namespace, () -> journaled().flatMap(keys -> {
            List<Async<byte[]>> loads = new ArrayList<>(keys.size());
            for (String key : keys) {
                loads.add(journal.load(key).recover(failure -> null));
            }
            return Async.all(loads).flatMap(records -> {
                List<Async<Versioned>> reads = new ArrayList<>(keys.size());
                for (int i = 0; i < keys.size(); i++) {
                    String key = keys.get(i);
                    boolean usable = records.get(i) != null && intact(key, records.get(i));
                    reads.add(usable ? delegate.loadVersioned(key.substring(namespace.length())) : Async.of(null));
                }
                return Async.all(reads).flatMap(stored -> {
                    WriteBatch.Builder batch = WriteBatch.builder();
                    for (int i = 0; i < keys.size(); i++) {
                        byte[] record = records.get(i);
                        if (stored.get(i) == null) {
                            if (record != null) {
                                journal.delete(keys.get(i)); // damaged: dropped, never replayed
                            }
                            continue;
                        }
                        long found = stored.get(i).version();
                        long version = longAt(record, 1);
                        long expected = longAt(record, 9);
                        boolean applied = found == version;
                        boolean superseded = expected != WriteBatch.UNCONDITIONAL && found != expected;
                        if (!applied && !superseded) {
                            String key = keys.get(i).substring(namespace.length());
                            if (record[0] == 1) {
                                batch.putIf(key, Arrays.copyOfRange(record, 17, record.length - 4), found);
                            } else {
                                batch.deleteIf(key, found);
                            }
                        }
                    }
                    Async<Void> replayed = batch.size() == 0 ? Async.done() : delegate.write(batch.build());
                    return replayed.map(written -> {
                        for (int i = 0; i < keys.size(); i++) {
                            if (stored.get(i) != null) {
                                removeIfUnchanged(keys.get(i), records.get(i));
                            }
                        }
                        return null;
                    });
                });
            });
        }));
    }

    /** Returns the journal keys of this namespace. */
    private Async<List<String>> journaled() {
        return journal.listKeys().map(all -> {
            List<String> keys = new ArrayList<>();
            for (String key : all) {
                if (key.startsWith(namespace)) {
                    keys.add(key);
                }
            }
            return keys;
        });
    }

    // ---- records --------------------------------------------------------------------------

    /** Returns the journal record of {@code entry} (a put or a delete) under {@code journalKey}. */
    static byte[] record(String journalKey, WriteBatch.Entry entry) {
        byte[] value = entry.value();
        int n = value == null ? 0 : value.length;
        byte[] record = new byte[n + 21];
        record[0] = (byte) (value == null ? 0 : 1);
        for (int i = 0; i < 8; i++) {
            record[1 + i] = (byte) (entry.version() >>> (56 - 8 * i));
            record[9 + i] = (byte) (entry.expected() >>> (56 - 8 * i));
        }
        if (value != null) {
            System.arraycopy(value, 0, record, 17, n);
        }
        int crc = checksum(journalKey, record, n + 17);
        for (int i = 0; i < 4; i++) {
            record[n + 17 + i] = (byte) (crc >>> (24 - 8 * i));
        }
        return record;
    }

    /** Returns whether {@code record} is a well-formed record for {@code journalKey}. */
    static boolean intact(String journalKey, byte[] record) {
        int n = record.length - 4;
        if (n < 17 || record[0] > 1 || record[0] < 0 || (record[0] == 0 && n != 17)) {
            return false;
        }
        int crc = checksum(journalKey, record, n);
        for (int i = 0; i < 4; i++) {
            if (record[n + i] != (byte) (crc >>> (24 - 8 * i))) {
                return false;
            }
        }
        return true;
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    /** CRC-32C (Castagnoli), bitwise: of the first {@code length} bytes, then the key's code units. */
    private static int checksum(String journalKey, byte[] bytes, int length) {
        int crc = -1;
        for (int i = 0; i < length; i++) {
            crc = crcByte(crc, bytes[i]);
        }
        for (int i = 0; i < journalKey.length(); i++) {
            char c = journalKey.charAt(i);
            crc = crcByte(crcByte(crc, c >>> 8), c);
        }
        return ~crc;
    }

    private static int crcByte(int crc, int b) {
        crc ^= b & 0xFF;
        for (int k = 0; k < 8; k++) {
            crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
        }
        return crc;
    }

    @Override
    public String toString() {
        return "Journaled[" + delegate + "]";
    }

    /** One write handed to the delegate and not yet landed; {@code records} once journaled. */
    private static final class Flight {
        final WriteBatch batch;
        final Async.Completer<Void> done = Async.completer();
        byte[][] records;

        Flight(WriteBatch batch) {
            this.batch = batch;
        }
    }
}
