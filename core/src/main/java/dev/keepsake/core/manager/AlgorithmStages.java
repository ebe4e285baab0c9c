package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link EnvelopeStages} of a manager whose configuration names a compressor,
 * decompressor or cipher: the envelope's full seal and open, with the algorithms the
 * configuration gives. Created only by the {@link PersistenceConfig.Builder} methods that
 * configure one.
 */
final class AlgorithmStages implements EnvelopeStages {

    /** The one instance; stateless, the configuration supplies the algorithms. */
    static final AlgorithmStages INSTANCE = new AlgorithmStages();

    private AlgorithmStages() {
    }

    @Override
    public Algorithms readers(Compressor compressor, List<Compressor> decompressors, Cipher cipher,
            boolean readUnencrypted) {
        Algorithms.Builder readers = Algorithms.builder();
        List<Compressor> added = new ArrayList<>();
        if (compressor != null) {
            readers.compressor(compressor);
            added.add(compressor);
        }
        for (Compressor decompressor : decompressors) {
            if (!containsAlgorithm(added, decompressor)) {
                readers.compressor(decompressor); // a different algorithm under a taken id fails here
                added.add(decompressor);
            }
        }
        if (cipher != null) {
            readers.cipher(cipher);
        }
        if (readUnencrypted) {
            readers.acceptUnencrypted();
        }
        return readers.build();
    }

    @Override
    public Async<byte[]> seal(Envelope envelope, String storageKey, int formatId, byte[] payload,
            PersistenceConfig config) {
        return envelope.seal(storageKey, formatId, payload, config.compressor(), config.cipher());
    }

    @Override
    public Async<Envelope.Opened> open(Envelope envelope, String storageKey, byte[] stored, PersistenceConfig config) {
        return envelope.open(storageKey, stored, config.readers());
    }

    /** Two compressors with one id and one name are taken to be the same algorithm. */
    static boolean containsAlgorithm(List<Compressor> compressors, Compressor compressor) {
        for (Compressor other : compressors) {
            if (other.id() == compressor.id() && other.name().equals(compressor.name())) {
                return true;
            }
        }
        return false;
    }
}
