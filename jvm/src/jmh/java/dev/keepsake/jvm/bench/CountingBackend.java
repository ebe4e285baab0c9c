package dev.keepsake.jvm.bench;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes every call to a backend and counts the durable writes: each {@code save},
 * {@code delete} or {@code write} call is one backend write (one commit), and the entries it
 * carried. The benchmarks turn these into fsyncs with what each backend documents per commit.
 */
final class CountingBackend implements StorageBackend, AutoCloseable {

    final StorageBackend delegate;
    final AtomicLong writeCalls = new AtomicLong();
    final AtomicLong entries = new AtomicLong();

    CountingBackend(StorageBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Async<Void> save(String key, byte[] value) {
        writeCalls.incrementAndGet();
        entries.incrementAndGet();
        return delegate.save(key, value);
    }

    @Override
    public Async<byte[]> load(String key) {
        return delegate.load(key);
    }

    @Override
    public Async<Versioned> loadVersioned(String key) {
        return delegate.loadVersioned(key);
    }

    @Override
    public Async<Void> delete(String key) {
        writeCalls.incrementAndGet();
        entries.incrementAndGet();
        return delegate.delete(key);
    }

    @Override
    public Async<Boolean> exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public Async<List<String>> listKeys() {
        return delegate.listKeys();
    }

    @Override
    public Async<StorageInfo> info() {
        return delegate.info();
    }

    @Override
    public Async<Void> clear() {
        return delegate.clear();
    }

    @Override
    public Async<Void> write(WriteBatch batch) {
        writeCalls.incrementAndGet();
        entries.addAndGet(batch.size());
        return delegate.write(batch);
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
