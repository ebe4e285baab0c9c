package dev.keepsake.core.format;

import dev.keepsake.core.async.Async;

/**
 * A compression algorithm the {@link Envelope} may apply to a payload before storing it: a
 * platform service (JDK zip on the JVM, {@code CompressionStream} in the browser), hence
 * asynchronous.
 *
 * <p>Ids are stored in every envelope and never change meaning: {@code 0} is "uncompressed"
 * and is never the id of an implementation; {@link #GZIP}, {@link #LZ4} and {@link #ZSTD} are
 * registered; 4&ndash;127 are reserved for Keepsake (an envelope naming one is reported as
 * corrupted); 128&ndash;255 are free for user-defined algorithms.
 *
 * <p>Implementations must be deterministic in what {@link #decompress} accepts (the same bytes
 * always give the same output), must not retain or modify the arrays they are given, and
 * should be safe to share.
 */
public interface Compressor {

    /** The id meaning "stored uncompressed". */
    int NONE = 0;
    /** The registered id of gzip (RFC 1952). */
    int GZIP = 1;
    /** The registered id of LZ4: one LZ4 block after its 4-byte little-endian original length. */
    int LZ4 = 2;
    /** The registered id of Zstandard. */
    int ZSTD = 3;
    /** The smallest id a user-defined compressor may use; ids up to 255 are allowed. */
    int FIRST_USER_ID = 128;

    /** Returns this algorithm's id, 1&ndash;3 for the registered ones, 128&ndash;255 otherwise. */
    int id();

    /** Returns a short lowercase name for messages, for example {@code "gzip"}. */
    String name();

    /** Returns the compressed form of {@code data}; the envelope keeps it only if it is smaller. */
    Async<byte[]> compress(byte[] data);

    /**
     * Returns the decompressed form of {@code data}, failing (with any exception) if the data
     * is malformed or would decompress to more than {@code maxOutput} bytes; implementations
     * must stop as soon as the output passes {@code maxOutput}, so that a decompression bomb
     * costs at most that much memory. The envelope passes the payload length its header
     * declares (already checked against its limit) and checks the output's length again.
     */
    Async<byte[]> decompress(byte[] data, int maxOutput);
}
