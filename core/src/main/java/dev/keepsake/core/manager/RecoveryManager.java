package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.SerializationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Finds a usable copy of a value across several backends. The
 * backends are tried in order; in each, the value is read as a manager with the same
 * configuration would read it (prefix, envelope, compression, cipher, codec) and then checked
 * by a validation predicate. The first copy that passes is returned. A copy that is corrupt,
 * does not decode, fails validation or cannot be read is skipped and reported, never returned.
 *
 * <p>Typical use: a primary file backend, then a mirror, then an export; or the current
 * IndexedDB database, then localStorage written by an older version of the app.
 */
public final class RecoveryManager<T> {

    private final List<StorageBackend> backends;
    private final Serializer<T> serializer;
    private final KeyNamespace namespace;
    private final PersistenceConfig config;
    private final Predicate<? super T> validation;
    private final Consumer<RecoveryEvent> onSkip;

    private RecoveryManager(Builder<T> b) {
        this.backends = List.copyOf(b.backends);
        this.serializer = b.serializer;
        this.config = b.config;
        this.namespace = config.namespace();
        this.validation = b.validation;
        this.onSkip = b.onSkip;
    }

    /** Returns a builder for a recovery manager that decodes values with {@code serializer}. */
    public static <T> Builder<T> builder(Serializer<T> serializer) {
        return new Builder<>(serializer);
    }

    /**
     * Returns the first valid copy of {@code key}, or empty if no backend has one. Fails only
     * if {@code key} is invalid (synchronously).
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    public Async<Optional<T>> recover(String key) {
        String storageKey = namespace.toStorage(key);
        return tryFrom(0, key, storageKey);
    }

    private Async<Optional<T>> tryFrom(int index, String key, String storageKey) {
        if (index == backends.size()) {
            return Async.of(Optional.empty());
        }
        StorageBackend backend = backends.get(index);
        ValueFormat format = new ValueFormat(backend.name(), serializer.formatId(), config);
        return Async.attempt(() -> backend.load(storageKey))
                .flatMap(stored -> format.open(storageKey, stored))
                .map(payload -> {
                    T value = serializer.deserialize(payload);
                    if (!validation.test(value)) {
                        throw new SerializationException(backend.name(), key, "copy failed validation", null);
                    }
                    return Optional.of(value);
                })
                .recoverWith(failure -> {
                    if (!(failure instanceof NotFoundException)) {
                        onSkip.accept(new RecoveryEvent(key, backend.name(), failure));
                    }
                    return tryFrom(index + 1, key, storageKey);
                });
    }

    /** Assembles a recovery manager; not thread-safe. */
    public static final class Builder<T> {
        private final Serializer<T> serializer;
        private final List<StorageBackend> backends = new ArrayList<>();
        private PersistenceConfig config = PersistenceConfig.defaults();
        private Predicate<? super T> validation = value -> true;
        private Consumer<RecoveryEvent> onSkip = event -> { };

        private Builder(Serializer<T> serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
        }

        /** Adds a backend to try after those already added. */
        public Builder<T> fallback(StorageBackend backend) {
            backends.add(Objects.requireNonNull(backend, "backend"));
            return this;
        }

        /** Sets the configuration the copies were written with (prefix, compressor, cipher). */
        public Builder<T> config(PersistenceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Sets the check a decoded copy must pass to be returned. */
        public Builder<T> validate(Predicate<? super T> validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /**
         * Sets the listener told about every copy skipped (the event's source is the backend's
         * name, its cause why the copy was unusable).
         */
        public Builder<T> onSkip(Consumer<RecoveryEvent> listener) {
            this.onSkip = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Returns the recovery manager.
         *
         * @throws IllegalStateException if no backend was added
         */
        public RecoveryManager<T> build() {
            if (backends.isEmpty()) {
                throw new IllegalStateException("a recovery manager needs at least one backend");
            }
            return new RecoveryManager<>(this);
        }
    }
}
