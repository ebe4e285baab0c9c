package dev.keepsake.testing;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import java.util.List;

/** A backend over a {@link MemoryBackend} with a quota, for tests to break one operation of. */
class ForwardingBackend implements StorageBackend {

    static final int QUOTA = 4 << 20;

    final MemoryBackend inner = MemoryBackend.withQuota(QUOTA);

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Async<Void> save(String key, byte[] value) {
        return inner.save(key, value);
    }

    @Override
    public Async<byte[]> load(String key) {
        return inner.load(key);
    }

    @Override
    public Async<Versioned> loadVersioned(String key) {
        return inner.loadVersioned(key);
    }

    @Override
    public Async<Void> delete(String key) {
        return inner.delete(key);
    }

    @Override
    public Async<Boolean> exists(String key) {
        return inner.exists(key);
    }

    @Override
    public Async<List<String>> listKeys() {
        return inner.listKeys();
    }

    @Override
    public Async<StorageInfo> info() {
        return inner.info();
    }

    @Override
    public Async<Void> clear() {
        return inner.clear();
    }

    @Override
    public Async<Void> write(WriteBatch batch) {
        return inner.write(batch);
    }
}
