package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.format.Envelope;

/**
 * How one manager frames its values: the envelope with the configured compressor and cipher
 * on the way out, and on the way in a check that the payload was written in this manager's
 * codec format. Errors name the backend.
 */
final class ValueFormat {

    private final String backend;
    private final int formatId;
    private final PersistenceConfig config;
    private final Envelope envelope = Envelope.create();

    ValueFormat(String backend, int formatId, PersistenceConfig config) {
        this.backend = backend;
        this.formatId = formatId;
        this.config = config;
    }

    /** Returns {@code payload} sealed for {@code storageKey}. */
    Async<byte[]> seal(String storageKey, byte[] payload) {
        EnvelopeStages stages = config.stages();
        if (stages == null) {
            try {
                return Async.of(envelope.sealPlain(storageKey, formatId, payload));
            } catch (RuntimeException e) {
                return Async.failed(named(e));
            }
        }
        return stages.seal(envelope, storageKey, formatId, payload, config).recoverWith(e -> Async.failed(named(e)));
    }

    /**
     * Returns {@code payload} sealed for {@code storageKey} on the calling thread when values
     * are written neither compressed nor encrypted (decompressors that only read may be
     * configured: the seal is then the plain one, byte for byte); null otherwise, or on any
     * failure, which {@link #seal} then reports.
     */
    byte[] sealNow(String storageKey, byte[] payload) {
        if (config.compressor() != null || config.cipher() != null) {
            return null;
        }
        try {
            return envelope.sealPlain(storageKey, formatId, payload);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Returns the payload of the value stored under {@code storageKey}, checked. */
    Async<byte[]> open(String storageKey, byte[] stored) {
        EnvelopeStages stages = config.stages();
        Async<Envelope.Opened> opened;
        if (stages == null) {
            try {
                opened = Async.of(envelope.openPlain(storageKey, stored));
            } catch (RuntimeException e) {
                opened = Async.failed(e);
            }
        } else {
            opened = stages.open(envelope, storageKey, stored, config);
        }
        return opened.recoverWith(e -> Async.failed(named(e)))
                .map(value -> {
                    if (value.formatId() != formatId) {
                        throw new SerializationException(backend, storageKey, "value was written in codec format "
                                + value.formatId() + ", but this manager reads format " + formatId, null);
                    }
                    return value.payload();
                });
    }

    /**
     * Returns whether the value stored under {@code storageKey} opens, checked, without the
     * asynchronous stages: no cipher is configured (so an unencrypted value is accepted, as
     * {@link #open} accepts it), the value is neither compressed nor encrypted, and it passes
     * every check. Its payload is then the {@code stored.length - Envelope.FRAME_OVERHEAD_BYTES}
     * bytes from {@code Envelope.PAYLOAD_OFFSET}, read in place. False when it needs the stages
     * or fails any check, so that {@link #open} reports the failure.
     */
    boolean opensNow(String storageKey, byte[] stored) {
        if (config.cipher() != null) {
            return false;
        }
        try {
            return envelope.checkPlain(storageKey, stored) == formatId;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Re-creates an envelope error with the backend's name, which the envelope does not know. */
    private Throwable named(Throwable e) {
        if (!(e instanceof PersistenceException p) || p.backend() != null) {
            return e;
        }
        String problem = p.problem();
        if (p instanceof CorruptedDataException) {
            return new CorruptedDataException(backend, p.key(), problem, p.getCause() != null ? p.getCause() : p);
        }
        if (p instanceof SerializationException) {
            return new SerializationException(backend, p.key(), problem, p.getCause() != null ? p.getCause() : p);
        }
        return e;
    }
}
