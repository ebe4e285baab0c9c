package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import java.util.List;

/**
 * The envelope's compression and encryption stages as a manager uses them, once its
 * configuration names a compressor, decompressor or cipher; without one, {@link ValueFormat}
 * seals and opens plainly and the configuration holds no stages.
 *
 * <p>An interface with one implementation, {@link AlgorithmStages}, for the browser: TeaVM
 * compiles an interface method's implementation only if an instance of its class can be
 * created, and only the {@link PersistenceConfig.Builder} methods that configure an algorithm
 * create one. So a build whose pages cannot configure an algorithm ({@code keepsake-kv.js})
 * leaves out the envelope's compressing and encrypting code and {@link Algorithms}. (A final
 * class would not do: TeaVM calls its methods directly, reachable or not.)
 */
interface EnvelopeStages {

    /**
     * Returns the algorithms that open values: the write compressor, the decompressors that are
     * not the same algorithm, and the cipher, accepting unencrypted values with a cipher only if
     * {@code readUnencrypted}.
     *
     * @throws IllegalArgumentException if an id is 0, reserved or out of range, or two
     *     different compressors share an id
     */
    Algorithms readers(Compressor compressor, List<Compressor> decompressors, Cipher cipher, boolean readUnencrypted);

    /** Returns {@code payload} sealed with the configuration's compressor and cipher. */
    Async<byte[]> seal(Envelope envelope, String storageKey, int formatId, byte[] payload, PersistenceConfig config);

    /** Returns the envelope {@code stored}, opened with the configuration's {@link PersistenceConfig#readers()}. */
    Async<Envelope.Opened> open(Envelope envelope, String storageKey, byte[] stored, PersistenceConfig config);
}
