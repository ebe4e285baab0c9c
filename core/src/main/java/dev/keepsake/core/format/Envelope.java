package dev.keepsake.core.format;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.internal.Utf8;
import java.util.Objects;

/**
 * The checked storage format: every value Keepsake stores is a payload (the bytes a codec
 * produced) framed with a header and an integrity check, so that damaged, truncated or foreign
 * bytes are reported as {@link CorruptedDataException} and never returned as data. The bytes
 * are identical on the JVM, in JavaScript and in WebAssembly.
 *
 * <table>
 *   <caption>Envelope format version 2 (integers are big-endian and unsigned)</caption>
 *   <tr><th>offset</th><th>size</th><th>field</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>4</td><td>magic</td><td>ASCII {@code "KEEP"} ({@code 4B 45 45 50})</td></tr>
 *   <tr><td>4</td><td>1</td><td>version</td><td>format version, {@code 2} ({@code 1} is still
 *       read)</td></tr>
 *   <tr><td>5</td><td>1</td><td>format id</td><td>the codec format of the payload: 1 JSON,
 *       2 compact binary, 128&ndash;255 user-defined (not interpreted here)</td></tr>
 *   <tr><td>6</td><td>1</td><td>compression id</td><td>0 none, 1 gzip, 2 lz4, 3 zstd,
 *       4&ndash;127 reserved, 128&ndash;255 user-defined ({@link Compressor})</td></tr>
 *   <tr><td>7</td><td>1</td><td>cipher id</td><td>0 none, 1 AES-256-GCM,
 *       2 ChaCha20-Poly1305, 3&ndash;127 reserved, 128&ndash;255 user-defined
 *       ({@link Cipher})</td></tr>
 *   <tr><td>8</td><td>4</td><td>payload length</td><td>length of the payload before
 *       compression and encryption; checked against the reader's limit before decompressing
 *       and against the output after</td></tr>
 *   <tr><td>12</td><td>4</td><td>body length <i>n</i></td><td>length of the stored body</td></tr>
 *   <tr><td>16</td><td><i>n</i></td><td>body</td><td>the payload, compressed if the
 *       compression id is not 0, then encrypted if the cipher id is not 0</td></tr>
 *   <tr><td>16 + <i>n</i></td><td>4</td><td>CRC-32C</td><td>Castagnoli CRC of bytes
 *       [0, 16 + <i>n</i>) (magic through body) followed by the UTF-8 bytes of the key the
 *       value is stored under; in version 1, of bytes [0, 16 + <i>n</i>) alone</td></tr>
 * </table>
 *
 * <p>The frame is exactly 20 bytes longer than the body ({@link #FRAME_OVERHEAD_BYTES}).
 * Compression is applied first and kept only if it makes the payload strictly smaller;
 * otherwise the payload is stored as is with compression id 0. Encryption comes second.
 *
 * <p>Integrity: the CRC-32C is always present, also when encrypted. It detects storage damage
 * (every burst up to 32 bits, every odd number of flipped bits) cheaply and before any cipher
 * runs, and lets the reader tell damage ("checksum mismatch") from a failed authentication.
 * Since version 2 it also covers the key, so a value copied or moved to another key fails the
 * check ("checksum mismatch") whether or not it is encrypted. A CRC is no secret: it catches
 * accidents (a copy, a rename, a stale file restored under the wrong name), not someone who
 * can recompute it; only a cipher authenticates.
 * When encrypted, the cipher's AEAD tag is the real integrity and authenticity check: its
 * associated data is the 16 header bytes followed by the UTF-8 bytes of the key (lone
 * surrogates encoded as U+FFFD, like the browser's {@code TextEncoder}), so a value copied to
 * another key, or with any header field changed, fails to decrypt. Every value must be opened
 * with the key it was sealed with, whatever key its bytes are stored under: a manager's backup
 * is the sealed bytes of the value, copied, and is opened with the value's key.
 *
 * <p>Errors when opening, all reported through the returned {@code Async} (never thrown, never
 * returned as a value):
 * <ul>
 *   <li>{@link CorruptedDataException}: wrong magic, unknown version, truncation, trailing
 *       bytes, checksum mismatch, unknown (reserved) compression or cipher id, a payload length
 *       above the reader's limit or inconsistent with the body, a failed decryption or
 *       decompression, or output whose length differs from the header's. Also, when the
 *       {@link Algorithms} hold a cipher: a value no cipher of theirs sealed (unencrypted,
 *       unless they {@linkplain Algorithms#acceptsUnencrypted() accept that}, or naming another
 *       cipher), since without the key anyone could have written it.</li>
 *   <li>{@link SerializationException}: the bytes are intact but name a registered or
 *       user-defined compressor, or a cipher while the {@link Algorithms} given to
 *       {@link #open} hold none. This is a configuration problem; treating it as corruption
 *       would make a manager discard good data, so it is not one.</li>
 *   <li>A {@link PersistenceException} raised by a compressor or cipher itself passes through
 *       unchanged; {@link Error}s are not caught.</li>
 * </ul>
 *
 * <p>Non-goals: the envelope does not interpret the format id (the codec layer does), does not
 * choose or hold keys, and offers no streaming: a payload is one array, at most
 * {@link #maxPayloadBytes()} long.
 *
 * <p>Instances are immutable and thread-safe; sealing and opening have no side effects, so a
 * failure leaves nothing behind.
 */
public final class Envelope {

    /** The format version this class writes; it reads this one and {@link #VERSION_1}. */
    public static final int VERSION = 2;
    /** The first format version, whose checksum does not cover the key; still read. */
    public static final int VERSION_1 = 1;
    /** Bytes the frame adds to the body: a 16-byte header and a 4-byte CRC-32C. */
    public static final int FRAME_OVERHEAD_BYTES = 20;
    /** Where an uncompressed, unencrypted envelope's payload starts: after the 16-byte header. */
    public static final int PAYLOAD_OFFSET = 16;
    /** The payload limit of {@link #create()}: 64 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 << 20;

    static final int HEADER_BYTES = PAYLOAD_OFFSET;
    static final int CHECKSUM_BYTES = 4;
    static final byte[] MAGIC = {'K', 'E', 'E', 'P'};

    private static final Envelope DEFAULT = new Envelope(DEFAULT_MAX_PAYLOAD_BYTES);

    private final int maxPayloadBytes;

    private Envelope(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Returns the envelope with the default payload limit of 64 MiB. */
    public static Envelope create() {
        return DEFAULT;
    }

    /**
     * Returns an envelope that seals and opens payloads of at most {@code maxPayloadBytes}.
     *
     * @throws IllegalArgumentException if the limit is negative or leaves no room for the frame
     */
    public static Envelope create(int maxPayloadBytes) {
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("max payload bytes must not be negative: " + maxPayloadBytes);
        }
        if (maxPayloadBytes > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("max payload bytes must leave room for the frame: " + maxPayloadBytes);
        }
        return new Envelope(maxPayloadBytes);
    }

    /** Returns the largest payload, in bytes before compression, this envelope seals or opens. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    // ---- sealing ---------------------------------------------------------------------------

    /**
     * Returns {@code payload} framed, compressed by {@code compressor} if that makes it smaller,
     * and encrypted by {@code cipher} bound to {@code key}. Fails (in the returned value) with
     * {@link SerializationException} if the payload exceeds the limit or the compressor or
     * cipher fails or breaks its contract, or with the {@link PersistenceException} one of them
     * raised.
     *
     * @param key the key the value is stored under; binds the ciphertext when encrypted
     * @param formatId the codec format of the payload, 0&ndash;255
     * @param payload the bytes to store; not retained or modified
     * @param compressor the compressor to try, or null to store uncompressed
     * @param cipher the cipher to encrypt with, or null to store unencrypted
     * @throws NullPointerException if {@code key} or {@code payload} is null
     * @throws IllegalArgumentException if {@code formatId} is out of range, or the compressor's
     *     or cipher's id is 0, reserved or out of range
     */
    public Async<byte[]> seal(String key, int formatId, byte[] payload, Compressor compressor, Cipher cipher) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        checkFormatId(formatId);
        if (compressor != null) {
            Algorithms.checkCompressor(compressor);
        }
        if (cipher != null) {
            Algorithms.checkCipher(cipher);
        }
        if (payload.length > maxPayloadBytes) {
            return Async.failed(tooLarge(key, payload.length));
        }
        Async<Body> compressed = compressor == null
                ? Async.of(new Body(Compressor.NONE, payload))
                : compress(key, payload, compressor);
        if (cipher == null) {
            return compressed.map(body -> frame(key, formatId, body.compressionId, Cipher.NONE, payload.length,
                    body.bytes));
        }
        return compressed.flatMap(body -> encrypt(key, formatId, payload.length, body, cipher));
    }

    /**
     * Returns {@code payload} framed without compression or encryption: the synchronous form
     * of {@code seal(key, formatId, payload, null, null)}, byte for byte the same.
     *
     * @throws NullPointerException if {@code key} or {@code payload} is null
     * @throws IllegalArgumentException if {@code formatId} is out of range
     * @throws SerializationException if the payload exceeds the limit
     */
    public byte[] sealPlain(String key, int formatId, byte[] payload) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        checkFormatId(formatId);
        if (payload.length > maxPayloadBytes) {
            throw tooLarge(key, payload.length);
        }
        return frame(key, formatId, Compressor.NONE, Cipher.NONE, payload.length, payload);
    }

    private static Async<Body> compress(String key, byte[] payload, Compressor compressor) {
        return Async.attempt(() -> compressor.compress(payload))
                .recoverWith(failure -> Async.failed(sealFailure(key, "compression with " + compressor.name()
                        + " failed", failure)))
                .map(compressed -> {
                    if (compressed == null) {
                        throw new SerializationException(null, key, "compressor " + compressor.name()
                                + " returned null", null);
                    }
                    // Stored compressed only when it pays; otherwise readers need no decompressor.
                    return compressed.length < payload.length
                            ? new Body(compressor.id(), compressed)
                            : new Body(Compressor.NONE, payload);
                });
    }

    private Async<byte[]> encrypt(String key, int formatId, int payloadLength, Body body, Cipher cipher) {
        int overhead = cipher.overheadBytes();
        if (body.bytes.length > Integer.MAX_VALUE - 1024 - overhead) {
            return Async.failed(tooLarge(key, body.bytes.length));
        }
        int bodyLength = body.bytes.length + overhead;
        byte[] header = header(formatId, body.compressionId, cipher.id(), payloadLength, bodyLength);
        byte[] associatedData = associatedData(header, key);
        return Async.attempt(() -> cipher.encrypt(body.bytes, associatedData))
                .recoverWith(failure -> Async.failed(sealFailure(key, "encryption with " + cipher.name()
                        + " failed", failure)))
                .map(ciphertext -> {
                    if (ciphertext == null || ciphertext.length != bodyLength) {
                        throw new SerializationException(null, key, "cipher " + cipher.name() + " returned "
                                + (ciphertext == null ? "null" : ciphertext.length + " bytes")
                                + " for " + body.bytes.length + " bytes of plaintext, but declares an overhead of "
                                + overhead + " bytes", null);
                    }
                    byte[] out = new byte[HEADER_BYTES + ciphertext.length + CHECKSUM_BYTES];
                    System.arraycopy(header, 0, out, 0, HEADER_BYTES);
                    return frame(key, out, ciphertext);
                });
    }

    private static byte[] frame(String key, int formatId, int compressionId, int cipherId, int payloadLength,
            byte[] body) {
        // The header is written in place: a copy out of a fresh 16-byte array costs more than
        // the array in the JS build (V8 moves a small array off its heap before it is copied).
        byte[] out = new byte[HEADER_BYTES + body.length + CHECKSUM_BYTES];
        writeHeader(out, formatId, compressionId, cipherId, payloadLength, body.length);
        return frame(key, out, body);
    }

    /** Copies {@code body} after the header already in {@code out} and appends the checksum. */
    private static byte[] frame(String key, byte[] out, byte[] body) {
        System.arraycopy(body, 0, out, HEADER_BYTES, body.length);
        int end = HEADER_BYTES + body.length;
        writeInt(out, end, checksum(VERSION, out, end, key));
        return out;
    }

    /** Returns the CRC-32C of {@code bytes[0, end)}, followed in version 2 by the key in UTF-8. */
    private static int checksum(int version, byte[] bytes, int end, String key) {
        return Crc32c.compute(bytes, end, version == VERSION_1 ? new byte[0] : Utf8.encode(key));
    }

    private static byte[] header(int formatId, int compressionId, int cipherId, int payloadLength, int bodyLength) {
        byte[] header = new byte[HEADER_BYTES];
        writeHeader(header, formatId, compressionId, cipherId, payloadLength, bodyLength);
        return header;
    }

    private static void writeHeader(byte[] out, int formatId, int compressionId, int cipherId, int payloadLength,
            int bodyLength) {
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[4] = (byte) VERSION;
        out[5] = (byte) formatId;
        out[6] = (byte) compressionId;
        out[7] = (byte) cipherId;
        writeInt(out, 8, payloadLength);
        writeInt(out, 12, bodyLength);
    }

    // ---- opening ---------------------------------------------------------------------------

    /**
     * Returns the format id and payload of the envelope {@code stored}, checked, decrypted and
     * decompressed with what {@code algorithms} provides. Fails (in the returned value) with
     * {@link CorruptedDataException} for anything wrong with the bytes, or with
     * {@link SerializationException} if they need a compressor or cipher that
     * {@code algorithms} lacks; see the class documentation for the full list.
     *
     * @param key the key the value was sealed with; named in errors, and the associated data
     *     of the cipher when encrypted
     * @param stored the bytes read from storage; not retained or modified
     * @param algorithms the compressors and ciphers to open with
     * @throws NullPointerException if an argument is null
     */
    public Async<Opened> open(String key, byte[] stored, Algorithms algorithms) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(algorithms, "algorithms");
        Frame frame;
        Compressor compressor;
        Cipher cipher;
        try {
            frame = parse(key, stored);
            compressor = frame.compressionId == Compressor.NONE ? null : algorithms.compressor(frame.compressionId);
            if (frame.compressionId != Compressor.NONE && compressor == null) {
                throw notConfigured(key, "compressor", compressionName(frame.compressionId), frame.compressionId);
            }
            cipher = frame.cipherId == Cipher.NONE ? null : algorithms.cipher(frame.cipherId);
            if (frame.cipherId == Cipher.NONE && !algorithms.acceptsUnencrypted()) {
                throw corrupted(key, "not encrypted, but a cipher is configured: refused, as anyone could have"
                        + " written it (accept unencrypted values only while migrating to encryption)");
            }
            if (frame.cipherId != Cipher.NONE && cipher == null) {
                if (algorithms.hasCipher()) {
                    // Checked before the cipher could run, so the id is not authenticated: a
                    // changed id must be treated like any other tampering.
                    throw corrupted(key, "sealed with cipher " + cipherName(frame.cipherId) + " (id "
                            + frame.cipherId + "), not with a configured one: tampered or foreign");
                }
                throw notConfigured(key, "cipher", cipherName(frame.cipherId), frame.cipherId);
            }
            checkBodyLength(key, frame, cipher);
        } catch (PersistenceException e) {
            return Async.failed(e);
        }
        if (compressor == null && cipher == null) {
            return Async.of(opened(frame, stored));
        }
        Async<byte[]> plaintext = cipher == null ? Async.of(body(frame, stored)) : decrypt(key, frame, stored, cipher);
        Async<byte[]> payload = compressor == null
                ? plaintext
                : plaintext.flatMap(compressed -> decompress(key, frame, compressed, compressor));
        return payload.map(bytes -> new Opened(frame.formatId, frame.compressionId, frame.cipherId, bytes));
    }

    /**
     * Returns the format id and payload of an uncompressed, unencrypted envelope: the
     * synchronous form of {@code open(key, stored, Algorithms.none())}.
     *
     * @throws NullPointerException if an argument is null
     * @throws CorruptedDataException if the bytes are not an intact envelope
     * @throws SerializationException if the envelope is compressed or encrypted
     */
    public Opened openPlain(String key, byte[] stored) {
        return opened(plainFrame(key, stored), stored);
    }

    /**
     * Checks {@code stored} as {@link #openPlain} does and returns its format id, without
     * copying the payload out: it is the {@code stored.length - FRAME_OVERHEAD_BYTES} bytes from
     * {@link #PAYLOAD_OFFSET}, for {@link
     * dev.keepsake.core.codec.Serializer#deserialize(byte[], int, int)} to read in place.
     *
     * @throws NullPointerException if an argument is null
     * @throws CorruptedDataException if the bytes are not an intact envelope
     * @throws SerializationException if the envelope is compressed or encrypted
     */
    public int checkPlain(String key, byte[] stored) {
        return plainFrame(key, stored).formatId;
    }

    private Frame plainFrame(String key, byte[] stored) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stored, "stored");
        Frame frame = parse(key, stored);
        if (frame.compressionId != Compressor.NONE) {
            throw notConfigured(key, "compressor", compressionName(frame.compressionId), frame.compressionId);
        }
        if (frame.cipherId != Cipher.NONE) {
            throw notConfigured(key, "cipher", cipherName(frame.cipherId), frame.cipherId);
        }
        checkBodyLength(key, frame, null);
        return frame;
    }

    /** Checks magic, version, lengths, checksum and ids, in that order; the body is not read. */
    private Frame parse(String key, byte[] stored) {
        int length = stored.length;
        int magicBytes = Math.min(length, MAGIC.length);
        for (int i = 0; i < magicBytes; i++) {
            if (stored[i] != MAGIC[i]) {
                throw corrupted(key, "not a Keepsake envelope: bad magic " + hex(stored, 0, magicBytes));
            }
        }
        if (length <= MAGIC.length) {
            throw corrupted(key, "truncated: " + length + " of at least " + FRAME_OVERHEAD_BYTES + " bytes");
        }
        int version = stored[4] & 0xFF;
        if (version != VERSION && version != VERSION_1) {
            throw corrupted(key, "unknown format version " + version);
        }
        if (length < HEADER_BYTES) {
            throw corrupted(key, "truncated: " + length + " of at least " + FRAME_OVERHEAD_BYTES + " bytes");
        }
        int bodyLength = readInt(stored, 12);
        // A body length with the top bit set cannot be valid; its unsigned value is only printed.
        if (bodyLength < 0 || bodyLength > length - FRAME_OVERHEAD_BYTES) {
            throw corrupted(key, "truncated: " + length + " of "
                    + ((bodyLength & 0xFFFFFFFFL) + FRAME_OVERHEAD_BYTES) + " bytes");
        }
        int expected = bodyLength + FRAME_OVERHEAD_BYTES;
        if (length > expected) {
            throw corrupted(key, "trailing bytes: " + length + " bytes, but the header declares " + expected);
        }
        int end = HEADER_BYTES + bodyLength;
        int storedCrc = readInt(stored, end);
        int computedCrc = checksum(version, stored, end, key);
        if (storedCrc != computedCrc) {
            throw corrupted(key, "checksum mismatch: stored " + hex(storedCrc) + ", computed " + hex(computedCrc));
        }
        Frame frame = new Frame(stored[5] & 0xFF, stored[6] & 0xFF, stored[7] & 0xFF, readInt(stored, 8), bodyLength);
        if (frame.compressionId != Compressor.NONE && !Algorithms.isValidCompressorId(frame.compressionId)) {
            throw corrupted(key, "unknown compression id " + frame.compressionId);
        }
        if (frame.cipherId != Cipher.NONE && !Algorithms.isValidCipherId(frame.cipherId)) {
            throw corrupted(key, "unknown cipher id " + frame.cipherId);
        }
        if (frame.payloadLength < 0 || frame.payloadLength > maxPayloadBytes) {
            throw corrupted(key, "declared payload length " + (frame.payloadLength & 0xFFFFFFFFL)
                    + " exceeds the limit of " + maxPayloadBytes + " bytes");
        }
        return frame;
    }

    /** Checks the body length against the cipher's overhead and, if uncompressed, the payload length. */
    private static void checkBodyLength(String key, Frame frame, Cipher cipher) {
        int plaintextLength = frame.bodyLength;
        if (cipher != null) {
            int overhead = cipher.overheadBytes();
            if (frame.bodyLength < overhead) {
                throw corrupted(key, "ciphertext too short: " + frame.bodyLength + " bytes, but " + cipher.name()
                        + " adds " + overhead);
            }
            plaintextLength -= overhead;
        }
        if (frame.compressionId == Compressor.NONE && plaintextLength != frame.payloadLength) {
            throw corrupted(key, "length mismatch: header declares a payload of " + frame.payloadLength
                    + " bytes, the body holds " + plaintextLength);
        }
    }

    private static Async<byte[]> decrypt(String key, Frame frame, byte[] stored, Cipher cipher) {
        byte[] associatedData = associatedData(copy(stored, 0, HEADER_BYTES), key);
        byte[] ciphertext = body(frame, stored);
        int expected = frame.bodyLength - cipher.overheadBytes();
        return Async.attempt(() -> cipher.decrypt(ciphertext, associatedData))
                .recoverWith(failure -> Async.failed(openFailure(key, "decryption with " + cipher.name()
                        + " failed: wrong key, value sealed for another key, or tampered", failure)))
                .map(plaintext -> {
                    if (plaintext == null || plaintext.length != expected) {
                        throw corrupted(key, "decryption with " + cipher.name() + " gave "
                                + (plaintext == null ? "null" : plaintext.length + " bytes") + ", expected "
                                + expected);
                    }
                    return plaintext;
                });
    }

    private static Async<byte[]> decompress(String key, Frame frame, byte[] compressed, Compressor compressor) {
        int expected = frame.payloadLength;
        return Async.attempt(() -> compressor.decompress(compressed, expected))
                .recoverWith(failure -> Async.failed(openFailure(key, "decompression with " + compressor.name()
                        + " failed", failure)))
                .map(payload -> {
                    if (payload == null || payload.length != expected) {
                        throw corrupted(key, "decompression with " + compressor.name() + " gave "
                                + (payload == null ? "null" : payload.length + " bytes")
                                + ", but the header declares " + expected);
                    }
                    return payload;
                });
    }

    private static Opened opened(Frame frame, byte[] stored) {
        return new Opened(frame.formatId, frame.compressionId, frame.cipherId, body(frame, stored));
    }

    private static byte[] body(Frame frame, byte[] stored) {
        return copy(stored, HEADER_BYTES, frame.bodyLength);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static void checkFormatId(int formatId) {
        if (formatId < 0 || formatId > 255) {
            throw new IllegalArgumentException("format id must be 0-255: " + formatId);
        }
    }

    /** Returns the associated data of the cipher: the header, then the key in UTF-8. */
    static byte[] associatedData(byte[] header, String key) {
        byte[] keyBytes = Utf8.encode(key);
        byte[] out = new byte[header.length + keyBytes.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(keyBytes, 0, out, header.length, keyBytes.length);
        return out;
    }

    private static byte[] copy(byte[] source, int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(source, offset, out, 0, length);
        return out;
    }

    private static int readInt(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8
                | (b[offset + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }

    private static String hex(int value) {
        String digits = Integer.toHexString(value);
        return "0x" + "00000000".substring(digits.length()) + digits;
    }

    private static String hex(byte[] b, int offset, int length) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = offset; i < offset + length; i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return sb.toString();
    }

    private static String compressionName(int id) {
        switch (id) {
            case Compressor.GZIP:
                return "gzip";
            case Compressor.LZ4:
                return "lz4";
            case Compressor.ZSTD:
                return "zstd";
            default:
                return "user-defined";
        }
    }

    private static String cipherName(int id) {
        switch (id) {
            case Cipher.AES_256_GCM:
                return "aes-256-gcm";
            case Cipher.CHACHA20_POLY1305:
                return "chacha20-poly1305";
            default:
                return "user-defined";
        }
    }

    private static CorruptedDataException corrupted(String key, String problem) {
        return new CorruptedDataException(null, key, problem, null);
    }

    private static SerializationException notConfigured(String key, String what, String name, int id) {
        return new SerializationException(null, key, "the value needs " + what + " " + name + " (id " + id
                + "), which is not configured", null);
    }

    private SerializationException tooLarge(String key, int length) {
        return new SerializationException(null, key, "payload of " + length + " bytes exceeds the limit of "
                + maxPayloadBytes + " bytes", null);
    }

    /** Keeps a plug-in's own PersistenceException and Errors; wraps anything else. */
    private static Throwable sealFailure(String key, String problem, Throwable failure) {
        if (failure instanceof PersistenceException || failure instanceof Error) {
            return failure;
        }
        return new SerializationException(null, key, problem, failure);
    }

    /** Keeps a plug-in's own PersistenceException and Errors; anything else means bad bytes. */
    private static Throwable openFailure(String key, String problem, Throwable failure) {
        if (failure instanceof PersistenceException || failure instanceof Error) {
            return failure;
        }
        return new CorruptedDataException(null, key, problem, failure);
    }

    /** The checked header fields of an envelope. */
    private static final class Frame {
        final int formatId;
        final int compressionId;
        final int cipherId;
        final int payloadLength;
        final int bodyLength;

        Frame(int formatId, int compressionId, int cipherId, int payloadLength, int bodyLength) {
            this.formatId = formatId;
            this.compressionId = compressionId;
            this.cipherId = cipherId;
            this.payloadLength = payloadLength;
            this.bodyLength = bodyLength;
        }
    }

    /** A payload on its way into a frame, after compression was tried. */
    private static final class Body {
        final int compressionId;
        final byte[] bytes;

        Body(int compressionId, byte[] bytes) {
            this.compressionId = compressionId;
            this.bytes = bytes;
        }
    }

    /**
     * An opened envelope: the codec format id and the payload, plus the compression and cipher
     * ids it was stored with (so that a caller can tell a value needs re-sealing after its
     * configuration changed). The payload array is fresh and owned by the caller; as with any
     * record holding an array, {@code equals} compares the array by identity.
     *
     * @param formatId the codec format of the payload, 0&ndash;255
     * @param compressionId the compression id it was stored with, 0 if none
     * @param cipherId the cipher id it was stored with, 0 if none
     * @param payload the payload bytes
     */
    public record Opened(int formatId, int compressionId, int cipherId, byte[] payload) {
        /**
         * Creates an opened envelope.
         *
         * @throws NullPointerException if {@code payload} is null
         */
        public Opened {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String toString() {
            return "Opened[formatId=" + formatId + ", compressionId=" + compressionId + ", cipherId=" + cipherId
                    + ", payload=" + payload.length + " bytes]";
        }
    }
}
