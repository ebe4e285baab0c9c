package dev.keepsake.browser.storage;

import dev.keepsake.core.async.Async;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The reads of an {@link IndexedDbBackend} asked for in one task, made by one {@code readonly}
 * transaction started in a microtask: a page that loads many keys at once
 * ({@code Promise.all}) pays for one transaction, not one per key. {@value #RANGE_READS} or more
 * loads in one task are read with one {@code getAllKeys} and one {@code getAll} over the range
 * from their least to their greatest key, at most twice as many records as loads plus
 * {@value #RANGE_SLACK}; a key past a range the limit cut off is read on its own, in the same
 * transaction.
 *
 * <p>Each read settles with its request's result, or fails with the connection's failure or a
 * {@link dev.keepsake.core.error.ReadFailedException} when the transaction aborts.
 */
final class IndexedDbReadCoalescer {

    /** From this many loads in one task on, they are read as one key range. */
    static final int RANGE_READS = 16;

    /** How many records a range read may read beyond twice the loads it serves. */
    static final int RANGE_SLACK = 64;

    private final IndexedDbConnection connection;

    /** Reads waiting for this task's transaction; null when none wait. */
    private List<QueuedRead> queued;

    IndexedDbReadCoalescer(IndexedDbConnection connection) {
        this.connection = connection;
    }

    /**
     * Queues the request {@code maker} makes (null: a get of {@code key}) for this task's read
     * transaction; the result is the request's result. {@code key} (null for none) names it in
     * errors.
     */
    Async<JSObject> read(String key, RequestMaker maker) {
        if (queued == null) {
            queued = new ArrayList<>();
            queueMicrotask(this::readQueued);
        }
        QueuedRead read = new QueuedRead(key, maker);
        queued.add(read);
        return read.result.async();
    }

    /** Makes every queued request in one readonly transaction; each read settles on its own request. */
    private void readQueued() {
        List<QueuedRead> reads = queued;
        queued = null;
        String onlyKey = reads.size() == 1 ? reads.get(0).key : null;
        connection.transaction(onlyKey, "readonly", (tx, objects) -> {
            List<QueuedRead> gets = new ArrayList<>();
            String low = null;
            String high = null;
            for (QueuedRead read : reads) {
                if (read.maker == null) {
                    gets.add(read);
                    low = low == null || read.key.compareTo(low) < 0 ? read.key : low;
                    high = high == null || read.key.compareTo(high) > 0 ? read.key : high;
                }
            }
            boolean ranged = gets.size() >= RANGE_READS;
            if (ranged) {
                readRange(objects, gets, low, high);
            }
            for (QueuedRead read : reads) {
                if (read.maker != null || !ranged) {
                    request(read, read.maker == null ? objects.get(read.key) : read.maker.make(objects));
                }
            }
            tx.setOnabort(event -> {
                for (QueuedRead read : reads) {
                    read.result.fail(IndexedDbBackend.readFailed(connection.name, read.key,
                            IndexedDbBackend.failureOf(read.request, tx)));
                }
            });
            return Async.done();
        }).whenComplete((started, failure) -> {
            if (failure != null) {
                for (QueuedRead read : reads) {
                    read.result.fail(failure);
                }
            }
        });
    }

    /** Settles {@code read} with {@code request}'s result when it succeeds. */
    private static void request(QueuedRead read, IDBRequest request) {
        read.request = request;
        request.setOnsuccess(event -> read.result.complete(request.getResult()));
    }

    /**
     * Reads the keys and values from {@code low} to {@code high} (at most twice as many as
     * {@code gets} plus {@link #RANGE_SLACK}) and settles every get from them; a get past the
     * last key read when the limit cut the range off is read on its own. IndexedDB orders
     * string keys by UTF-16 code units, as {@link String#compareTo} does.
     */
    private static void readRange(IDBObjectStore objects, List<QueuedRead> gets, String low, String high) {
        int limit = 2 * gets.size() + RANGE_SLACK;
        IDBRequest keys = getAllKeys(objects, low, high, limit);
        IDBRequest values = getAll(objects, low, high, limit);
        for (QueuedRead read : gets) {
            read.request = values;
        }
        // Requests of one transaction succeed in the order they were made: keys first.
        values.setOnsuccess(event -> {
            JSObject keyArray = keys.getResult();
            JSObject byKey = byKey(keyArray, values.getResult());
            int n = IndexedDbBackend.arrayLength(keyArray);
            String last = n == limit ? IndexedDbBackend.stringAt(keyArray, n - 1) : null;
            for (QueuedRead read : gets) {
                if (last != null && read.key.compareTo(last) > 0) {
                    request(read, objects.get(read.key));
                } else {
                    read.result.complete(valueAt(byKey, read.key));
                }
            }
        });
    }

    @JSBody(params = {"objects", "low", "high", "limit"},
            script = "return objects.getAllKeys(IDBKeyRange.bound(low, high), limit);")
    private static native IDBRequest getAllKeys(IDBObjectStore objects, String low, String high, int limit);

    @JSBody(params = {"objects", "low", "high", "limit"},
            script = "return objects.getAll(IDBKeyRange.bound(low, high), limit);")
    private static native IDBRequest getAll(IDBObjectStore objects, String low, String high, int limit);

    /** Returns a Map from each of {@code keyArray}'s keys to the value at its index in {@code valueArray}. */
    @JSBody(params = {"keyArray", "valueArray"}, script = "var valuesByKey = new Map();"
            + "for (var keyIndex = 0; keyIndex < keyArray.length; keyIndex++)"
            + " valuesByKey.set(keyArray[keyIndex], valueArray[keyIndex]);"
            + "return valuesByKey;")
    private static native JSObject byKey(JSObject keyArray, JSObject valueArray);

    @JSBody(params = {"valuesByKey", "key"}, script = "return valuesByKey.get(key);")
    private static native JSObject valueAt(JSObject valuesByKey, String key);

    @JSBody(params = "task", script = "queueMicrotask(task);")
    private static native void queueMicrotask(Task task);

    @JSFunctor
    interface Task extends JSObject {
        void run();
    }

    /** Makes a read's request on the store (for reads other than a get of one key). */
    @FunctionalInterface
    interface RequestMaker {
        IDBRequest make(IDBObjectStore objects);
    }

    /**
     * A queued read: its key, what makes its request (null: a get of the key), the request
     * once made, and its result.
     */
    private static final class QueuedRead {
        final String key;
        final RequestMaker maker;
        final Async.Completer<JSObject> result = Async.completer();
        IDBRequest request;

        QueuedRead(String key, RequestMaker maker) {
            this.key = key;
            this.maker = maker;
        }
    }
}
