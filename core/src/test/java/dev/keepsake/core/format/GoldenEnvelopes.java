package dev.keepsake.core.format;

import static dev.keepsake.core.format.TestBytes.ascii;
import static dev.keepsake.core.format.TestBytes.pseudoRandom;
import static dev.keepsake.core.format.TestBytes.unhex;

import dev.keepsake.core.async.Async;

/**
 * The golden envelopes: how each was made, and the bytes the format must keep opening; those of
 * the current version ({@link Envelope#VERSION}) sealing must also keep producing. The same bytes are committed as
 * files under {@code src/test/resources/golden/}
 * ({@code EnvelopeGoldenFilesTest} checks they agree); they are embedded here because TeaVM
 * tests cannot read resources.
 *
 * <p>If one of these tests fails, the stored format changed: existing users' data would no
 * longer open. Never regenerate the bytes to make the test pass; add a new format version with
 * new golden files, and keep these opening.
 */
enum GoldenEnvelopes {

    PLAIN_JSON("plain-json.bin", 1, "settings/theme", 1,
            "4b454550010100000000002f0000002f7b227468656d65223a226461726b222c22666f6e7453697a65223a31342c2274"
            + "616773223a5b2261222c2262225d7da29731d2"),
    BINARY("binary.bin", 1, "blob", 2,
            "4b454550010200000000010000000100000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f"
            + "505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
            + "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
            + "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
            + "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfefff511ce94"),
    EMPTY("empty.bin", 1, "empty", 1,
            "4b4545500101000000000000000000000ea948ab"),
    /** 70,000 bytes: only the header, the checksum and the length are embedded. */
    LARGE("large.bin", 1, "large", 2,
            "4b454550010200000001117000011170ae96afd7"),
    /** Compressed by {@link RunLengthCompressor} and encrypted by {@link FakeAead}. */
    RLE_AEAD("rle-aead.bin", 1, "user/ada", 130,
            "4b4545500182c8c90000006d0000002601020304fbcd1ed0d6988b96bd5c6894c5db464eb4a05334ae8e3a68b1d5ad97"
            + "3d5873a68e9f7a58d05b"),
    PLAIN_JSON_V2("v2-plain-json.bin", 2, "settings/theme", 1,
            "4b454550020100000000002f0000002f7b227468656d65223a226461726b222c22666f6e7453697a65223a31342c2274"
            + "616773223a5b2261222c2262225d7d429b4b76"),
    BINARY_V2("v2-binary.bin", 2, "blob", 2,
            "4b454550020200000000010000000100000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f"
            + "505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
            + "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
            + "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
            + "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff73e1f3b3"),
    EMPTY_V2("v2-empty.bin", 2, "empty", 1, "4b454550020100000000000000000000753cc624"),
    /** 70,000 bytes: only the header, the checksum and the length are embedded. */
    LARGE_V2("v2-large.bin", 2, "large", 2, "4b4545500202000000011170000111706e9ac82c"),
    /** Compressed by {@link RunLengthCompressor} and encrypted by {@link FakeAead}. */
    RLE_AEAD_V2("v2-rle-aead.bin", 2, "user/ada", 130,
            "4b4545500282c8c90000006d0000002601020304fbcd1ed0d6988b96bd5c6894c5db464eb4a05334ae8e3a68b1d5ad97"
            + "3d58544fe2b5c88352e6"),
    /** A key with characters outside ASCII, which the checksum covers as UTF-8. */
    UNICODE_KEY_V2("v2-unicode-key.bin", 2, "caf\u00e9/\ud83d\ude00", 1,
            "4b454550020100000000002f0000002f7b227468656d65223a226461726b222c22666f6e7453697a65223a31342c2274"
            + "616773223a5b2261222c2262225d7d91482a51");

    static final int AEAD_SECRET = 0x600DF00D;
    static final int LARGE_LENGTH = 70_000 + Envelope.FRAME_OVERHEAD_BYTES;

    final String fileName;
    final int version;
    final String key;
    final int formatId;
    private final String hex;

    GoldenEnvelopes(String fileName, int version, String key, int formatId, String hex) {
        this.fileName = fileName;
        this.version = version;
        this.key = key;
        this.formatId = formatId;
        this.hex = hex;
    }

    /** Returns the payload the envelope holds. */
    byte[] payload() {
        switch (this) {
            case PLAIN_JSON:
            case PLAIN_JSON_V2:
            case UNICODE_KEY_V2:
                return ascii("{\"theme\":\"dark\",\"fontSize\":14,\"tags\":[\"a\",\"b\"]}");
            case BINARY:
            case BINARY_V2:
                byte[] all = new byte[256];
                for (int i = 0; i < 256; i++) {
                    all[i] = (byte) i;
                }
                return all;
            case EMPTY:
            case EMPTY_V2:
                return new byte[0];
            case LARGE:
            case LARGE_V2:
                return pseudoRandom(70_000, 20261126);
            case RLE_AEAD:
            case RLE_AEAD_V2:
                return ascii("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                        + "bbbbbbbbb"
                        + "{\"done\":true}");
            default:
                throw new AssertionError(this);
        }
    }

    /** Returns whether sealing still produces these bytes: only those of the current version. */
    boolean current() {
        return version == Envelope.VERSION;
    }

    /** Seals {@link #payload()} the way this golden envelope was made, in the current version. */
    Async<byte[]> seal(Envelope envelope) {
        if (this == RLE_AEAD || this == RLE_AEAD_V2) {
            return envelope.seal(key, formatId, payload(), new RunLengthCompressor(), new FakeAead(AEAD_SECRET));
        }
        return envelope.seal(key, formatId, payload(), null, null);
    }

    /** Returns the algorithms that open it. */
    static Algorithms algorithms() {
        return Algorithms.builder().compressor(new RunLengthCompressor()).cipher(new FakeAead(AEAD_SECRET))
                .acceptUnencrypted().build();
    }

    /** Returns whether {@link #bytes()} is the whole envelope, rather than its header and checksum. */
    boolean complete() {
        return this != LARGE && this != LARGE_V2;
    }

    /**
     * Returns the embedded bytes: the whole envelope, or for the large ones its 16 header bytes
     * followed by its 4 checksum bytes (the checksum covers everything before it).
     */
    byte[] bytes() {
        return unhex(hex);
    }
}
