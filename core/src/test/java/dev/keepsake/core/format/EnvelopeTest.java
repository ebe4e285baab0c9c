package dev.keepsake.core.format;

import static dev.keepsake.core.format.TestBytes.ascii;
import static dev.keepsake.core.format.TestBytes.assertContains;
import static dev.keepsake.core.format.TestBytes.corruption;
import static dev.keepsake.core.format.TestBytes.hex;
import static dev.keepsake.core.format.TestBytes.pseudoRandom;
import static dev.keepsake.core.format.TestBytes.restampChecksum;
import static dev.keepsake.core.format.TestBytes.serializationFailure;
import static dev.keepsake.core.format.TestBytes.slice;
import static dev.keepsake.core.format.TestBytes.value;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.SerializationException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** Sealing and opening envelopes, on the JVM, JS and wasm-gc. */
@RunWith(TeaVMTestRunner.class)
public class EnvelopeTest {

    private static final Envelope ENVELOPE = Envelope.create();
    private static final byte[] JSON = ascii("{\"count\":3,\"name\":\"Ada\"}");

    /** The test compressor and cipher, accepting unencrypted values too (see {@link #sealedOnly}). */
    private static Algorithms fakes(int secret) {
        return Algorithms.builder().compressor(new RunLengthCompressor()).cipher(new FakeAead(secret))
                .acceptUnencrypted().build();
    }

    /** The test compressor and cipher, opening only what the cipher sealed. */
    private static Algorithms sealedOnly(int secret) {
        return Algorithms.builder().compressor(new RunLengthCompressor()).cipher(new FakeAead(secret)).build();
    }

    private static byte[] repetitive() {
        return ascii("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbcccccccccccccccc");
    }

    // ---- layout ----------------------------------------------------------------------------

    @Test
    public void plainEnvelopeHasTheDocumentedLayout() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
        assertEquals(JSON.length + Envelope.FRAME_OVERHEAD_BYTES, sealed.length);
        assertEquals("4b454550" + "02" + "01" + "00" + "00" + "00000018" + "00000018",
                hex(slice(sealed, 0, 16)));
        assertArrayEquals(JSON, slice(sealed, 16, 16 + JSON.length));
        int crc = Crc32c.update(Crc32c.compute(sealed, 0, sealed.length - 4), ascii("k"), 0, 1);
        assertEquals(crc, (sealed[sealed.length - 4] & 0xFF) << 24 | (sealed[sealed.length - 3] & 0xFF) << 16
                | (sealed[sealed.length - 2] & 0xFF) << 8 | (sealed[sealed.length - 1] & 0xFF));
    }

    @Test
    public void sealWithoutAlgorithmsEqualsSealPlainAndSettlesAtOnce() {
        Async<byte[]> sealed = ENVELOPE.seal("k", 2, JSON, null, null);
        assertArrayEquals(ENVELOPE.sealPlain("k", 2, JSON), value(sealed));
    }

    // ---- round trips -----------------------------------------------------------------------

    @Test
    public void plainRoundTripsKeepFormatIdAndPayload() {
        byte[][] payloads = {new byte[0], JSON, allByteValues(), pseudoRandom(70_000, 7)};
        int[] formats = {0, 1, 2, 128, 255};
        for (byte[] payload : payloads) {
            for (int format : formats) {
                byte[] sealed = ENVELOPE.sealPlain("key", format, payload);
                Envelope.Opened viaSync = ENVELOPE.openPlain("key", sealed);
                Envelope.Opened viaAsync = value(ENVELOPE.open("key", sealed, Algorithms.none()));
                for (Envelope.Opened opened : new Envelope.Opened[] {viaSync, viaAsync}) {
                    assertEquals(format, opened.formatId());
                    assertEquals(0, opened.compressionId());
                    assertEquals(0, opened.cipherId());
                    assertArrayEquals(payload, opened.payload());
                }
            }
        }
    }

    @Test
    public void openedDescribesItselfWithoutDumpingThePayload() {
        assertEquals("Opened[formatId=1, compressionId=0, cipherId=0, payload=24 bytes]",
                ENVELOPE.openPlain("k", ENVELOPE.sealPlain("k", 1, JSON)).toString());
    }

    @Test
    public void aPlainValueCopiedToAnotherKeyFailsTheChecksum() {
        byte[] sealed = ENVELOPE.sealPlain("original", 1, JSON);
        assertArrayEquals(JSON, ENVELOPE.openPlain("original", sealed).payload());
        assertContains(assertThrows(CorruptedDataException.class, () -> ENVELOPE.openPlain("copy", sealed))
                .getMessage(), "checksum mismatch");
        assertContains(corruption(ENVELOPE.open("Original", sealed, Algorithms.none())).getMessage(),
                "checksum mismatch");
    }

    @Test
    public void checkPlainGivesTheFormatIdAndLeavesThePayloadInPlace() {
        for (byte[] payload : new byte[][] {JSON, new byte[0], pseudoRandom(1000, 3)}) {
            byte[] sealed = ENVELOPE.sealPlain("k", 7, payload);
            byte[] before = sealed.clone();
            assertEquals(7, ENVELOPE.checkPlain("k", sealed));
            assertArrayEquals(payload, slice(sealed, Envelope.PAYLOAD_OFFSET,
                    Envelope.PAYLOAD_OFFSET + sealed.length - Envelope.FRAME_OVERHEAD_BYTES));
            assertArrayEquals("not modified", before, sealed);
        }
        byte[] v1 = GoldenEnvelopes.PLAIN_JSON.bytes();
        assertEquals(GoldenEnvelopes.PLAIN_JSON.formatId, ENVELOPE.checkPlain("any", v1));
    }

    @Test
    public void checkPlainRefusesWhatOpenPlainRefusesWithTheSameError() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
        byte[] compressed = value(ENVELOPE.seal("k", 1, repetitive(), new RunLengthCompressor(), null));
        byte[] encrypted = value(ENVELOPE.seal("k", 1, JSON, null, new FakeAead(3)));
        java.util.List<byte[]> bad = new java.util.ArrayList<>();
        bad.add(compressed);
        bad.add(encrypted);
        bad.add(new byte[0]);
        bad.add(slice(sealed, 0, sealed.length - 1));
        for (int i = 0; i < sealed.length; i++) {
            byte[] damaged = sealed.clone();
            damaged[i] ^= 0x10;
            bad.add(damaged);
        }
        for (byte[] b : bad) {
            RuntimeException viaOpen = assertThrows(RuntimeException.class, () -> ENVELOPE.openPlain("k", b));
            RuntimeException viaCheck = assertThrows(RuntimeException.class, () -> ENVELOPE.checkPlain("k", b));
            assertSame(viaOpen.getClass(), viaCheck.getClass());
            assertEquals(viaOpen.getMessage(), viaCheck.getMessage());
        }
        assertContains(assertThrows(CorruptedDataException.class, () -> ENVELOPE.checkPlain("copy", sealed))
                .getMessage(), "checksum mismatch");
    }

    @Test
    public void aCompressedValueCopiedToAnotherKeyFailsTheChecksum() {
        byte[] sealed = value(ENVELOPE.seal("original", 1, repetitive(), new RunLengthCompressor(), null));
        assertContains(corruption(ENVELOPE.open("copy", sealed, fakes(0))).getMessage(), "checksum mismatch");
    }

    @Test
    public void aVersion1ValueStillOpensUnderAnyKey() {
        byte[] v1 = GoldenEnvelopes.PLAIN_JSON.bytes();
        assertArrayEquals(GoldenEnvelopes.PLAIN_JSON.payload(), ENVELOPE.openPlain("backup/1", v1).payload());
    }

    @Test
    public void compressedAndEncryptedRoundTrip() {
        byte[] payload = repetitive();
        byte[] sealed = value(ENVELOPE.seal("k", 130, payload, new RunLengthCompressor(), new FakeAead(42)));
        assertEquals(RunLengthCompressor.ID, sealed[6] & 0xFF);
        assertEquals(FakeAead.ID, sealed[7] & 0xFF);
        int compressed = RunLengthCompressor.encode(payload).length;
        assertEquals(compressed + FakeAead.OVERHEAD + Envelope.FRAME_OVERHEAD_BYTES, sealed.length);
        Envelope.Opened opened = value(ENVELOPE.open("k", sealed, fakes(42)));
        assertEquals(130, opened.formatId());
        assertEquals(RunLengthCompressor.ID, opened.compressionId());
        assertEquals(FakeAead.ID, opened.cipherId());
        assertArrayEquals(payload, opened.payload());
    }

    @Test
    public void encryptedOnlyRoundTrip() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, JSON, null, new FakeAead(7)));
        assertEquals(JSON.length + FakeAead.OVERHEAD + Envelope.FRAME_OVERHEAD_BYTES, sealed.length);
        assertArrayEquals(JSON, value(ENVELOPE.open("k", sealed, fakes(7))).payload());
        // The body really is transformed: the plaintext does not appear in it.
        assertFalse(hex(sealed).contains(hex(JSON)));
    }

    @Test
    public void encryptedEmptyPayloadRoundTrips() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, new byte[0], new RunLengthCompressor(), new FakeAead(7)));
        assertEquals(0, sealed[6]);
        assertArrayEquals(new byte[0], value(ENVELOPE.open("k", sealed, fakes(7))).payload());
    }

    @Test
    public void keysOutsideAsciiBindTheCiphertextConsistently() {
        String[] keys = {"\u00e9t\u00e9", "emoji \uD83D\uDE00", "lone \uD800 surrogate", "nul\u0000byte", ""};
        for (String key : keys) {
            byte[] sealed = value(ENVELOPE.seal(key, 1, JSON, null, new FakeAead(3)));
            assertArrayEquals(JSON, value(ENVELOPE.open(key, sealed, fakes(3))).payload());
        }
    }

    @Test
    public void pendingAlgorithmsSettleTheResultLater() {
        Pending pending = new Pending();
        RunLengthCompressor compressor = new RunLengthCompressor(RunLengthCompressor.Fault.NONE, pending);
        FakeAead cipher = new FakeAead(5, FakeAead.Fault.NONE, pending);
        Async<byte[]> sealing = ENVELOPE.seal("k", 1, repetitive(), compressor, cipher);
        assertFalse(sealing.isDone());
        pending.runAll();
        byte[] sealed = value(sealing);

        Algorithms algorithms = Algorithms.builder().compressor(compressor).cipher(cipher).build();
        Async<Envelope.Opened> opening = ENVELOPE.open("k", sealed, algorithms);
        assertFalse(opening.isDone());
        pending.runAll();
        assertArrayEquals(repetitive(), value(opening).payload());
    }

    // ---- compression only when it pays ------------------------------------------------------

    @Test
    public void incompressiblePayloadIsStoredUncompressed() {
        byte[] payload = ascii("abcdefgh");
        byte[] sealed = value(ENVELOPE.seal("k", 1, payload, new RunLengthCompressor(), null));
        assertEquals(0, sealed[6]);
        assertArrayEquals(ENVELOPE.sealPlain("k", 1, payload), sealed);
        // And it opens without any compressor configured.
        assertArrayEquals(payload, ENVELOPE.openPlain("k", sealed).payload());
    }

    @Test
    public void compressionThatSavesNothingIsNotKept() {
        byte[] payload = ascii("aabb"); // run-length: 02 61 02 62, the same size
        byte[] sealed = value(ENVELOPE.seal("k", 1, payload, new RunLengthCompressor(), null));
        assertEquals(0, sealed[6]);
    }

    @Test
    public void compressionThatSavesOneByteIsKept() {
        byte[] payload = ascii("aaabb"); // run-length: 03 61 02 62, one byte smaller
        byte[] sealed = value(ENVELOPE.seal("k", 1, payload, new RunLengthCompressor(), null));
        assertEquals(RunLengthCompressor.ID, sealed[6] & 0xFF);
        assertEquals(5, sealed[11]);
        assertEquals(4, sealed[15]);
    }

    // ---- AEAD binding ----------------------------------------------------------------------

    @Test
    public void encryptedValueCopiedToAnotherKeyFailsToOpen() {
        byte[] sealed = value(ENVELOPE.seal("user/ada", 1, JSON, new RunLengthCompressor(), new FakeAead(9)));
        assertContains(corruption(ENVELOPE.open("user/bob", sealed, fakes(9))).getMessage(), "checksum mismatch");
        // Whoever recomputes the checksum for the new key still fails the cipher's check.
        CorruptedDataException e = corruption(ENVELOPE.open("user/bob", restampChecksum("user/bob", sealed), fakes(9)));
        assertEquals("user/bob", e.key());
        assertContains(e.getMessage(), "decryption with test-aead failed");
        assertTrue(e.getCause() instanceof IllegalStateException);
    }

    @Test
    public void encryptedValueFailsToOpenWithAnotherSecret() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, JSON, null, new FakeAead(9)));
        assertContains(corruption(ENVELOPE.open("k", sealed, fakes(10))).getMessage(), "decryption");
    }

    @Test
    public void headerChangedWithValidChecksumFailsAuthentication() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, JSON, null, new FakeAead(9)));
        byte[] otherFormat = sealed.clone();
        otherFormat[5] = 2; // format id: not checked by the envelope, but bound by the AEAD
        assertContains(corruption(ENVELOPE.open("k", restampChecksum("k", otherFormat), fakes(9))).getMessage(),
                "decryption with test-aead failed");
    }

    @Test
    public void bitFlipsInsideTheCiphertextAreCaughtByTheChecksumFirst() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, JSON, null, new FakeAead(9)));
        sealed[20] ^= 1;
        assertContains(corruption(ENVELOPE.open("k", sealed, fakes(9))).getMessage(), "checksum mismatch");
    }

    @Test
    public void ciphertextShorterThanTheOverheadIsCorrupted() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, new byte[0], null, new FakeAead(9)));
        // Rebuild it with a 4-byte body: a valid checksum, but less than the cipher's overhead.
        byte[] forged = new byte[16 + 4 + 4];
        System.arraycopy(sealed, 0, forged, 0, 16);
        forged[15] = 4;
        CorruptedDataException e = corruption(ENVELOPE.open("k", restampChecksum("k", forged), fakes(9)));
        assertContains(e.getMessage(), "ciphertext too short: 4 bytes, but test-aead adds 8");
    }

    // ---- precise reasons ---------------------------------------------------------------------

    @Test
    public void emptyInputIsTruncated() {
        assertReason(new byte[0], "truncated: 0 of at least 20 bytes");
    }

    @Test
    public void prefixOfTheMagicIsTruncated() {
        assertReason(ascii("KEE"), "truncated: 3 of at least 20 bytes");
    }

    @Test
    public void foreignBytesHaveBadMagic() {
        assertReason(ascii("{\"count\":3}"), "not a Keepsake envelope: bad magic 0x7b22636f");
        assertReason(ascii("X"), "not a Keepsake envelope: bad magic 0x58");
    }

    @Test
    public void unknownVersionIsNamed() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
        sealed[4] = 7;
        assertReason(sealed, "unknown format version 7");
        assertReason(slice(sealed, 0, 5), "unknown format version 7");
        sealed[4] = 0;
        assertReason(sealed, "unknown format version 0");
    }

    @Test
    public void truncationNamesBothLengths() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, pseudoRandom(20, 1));
        assertReason(slice(sealed, 0, 12), "truncated: 12 of at least 20 bytes");
        assertReason(slice(sealed, 0, 16), "truncated: 16 of 40 bytes");
        assertReason(slice(sealed, 0, 39), "truncated: 39 of 40 bytes");
    }

    @Test
    public void trailingBytesAreRejected() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, pseudoRandom(20, 1));
        assertReason(TestBytes.concat(sealed, new byte[5]), "trailing bytes: 45 bytes, but the header declares 40");
    }

    @Test
    public void hugeBodyLengthIsReportedUnsigned() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
        sealed[12] = (byte) 0xFF;
        assertReason(sealed, "truncated: 44 of 4278190124 bytes");
    }

    @Test
    public void checksumMismatchShowsBothValues() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
        int crc = Crc32c.update(Crc32c.compute(sealed, 0, sealed.length - 4), ascii("k"), 0, 1);
        sealed[sealed.length - 1] ^= 0x10;
        String stored = Integer.toHexString(crc ^ 0x10);
        String computed = Integer.toHexString(crc);
        assertReason(sealed, "checksum mismatch: stored 0x" + "00000000".substring(stored.length()) + stored
                + ", computed 0x" + "00000000".substring(computed.length()) + computed);
    }

    @Test
    public void reservedCompressionAndCipherIdsAreUnknown() {
        for (int id = 4; id < 128; id++) {
            byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
            sealed[6] = (byte) id;
            assertReason(restampChecksum("k", sealed), "unknown compression id " + id);
        }
        for (int id = 3; id < 128; id++) {
            byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
            sealed[7] = (byte) id;
            assertReason(restampChecksum("k", sealed), "unknown cipher id " + id);
        }
    }

    @Test
    public void payloadLengthAboveTheLimitIsRejectedBeforeDecompressing() {
        RunLengthCompressor compressor = new RunLengthCompressor();
        Algorithms algorithms = Algorithms.builder().compressor(compressor).build();
        byte[] sealed = value(ENVELOPE.seal("k", 1, repetitive(), compressor, null));
        byte[] bomb = sealed.clone();
        bomb[8] = 0x7F; // declares a payload of about 2 GiB
        CorruptedDataException e = corruption(ENVELOPE.open("k", restampChecksum("k", bomb), algorithms));
        assertContains(e.getMessage(), "declared payload length 2130706522 exceeds the limit of 67108864 bytes");
        bomb[8] = (byte) 0x80;
        e = corruption(ENVELOPE.open("k", restampChecksum("k", bomb), algorithms));
        assertContains(e.getMessage(), "declared payload length 2147483738 exceeds");
        assertEquals(0, compressor.decompressCalls);
    }

    @Test
    public void smallerLimitAppliesToOpeningAndSealing() {
        Envelope small = Envelope.create(10);
        assertEquals(10, small.maxPayloadBytes());
        byte[] sealed = ENVELOPE.sealPlain("k", 1, new byte[11]);
        assertContains(assertThrows(CorruptedDataException.class, () -> small.openPlain("k", sealed)).getMessage(),
                "declared payload length 11 exceeds the limit of 10 bytes");
        assertContains(assertThrows(SerializationException.class, () -> small.sealPlain("k", 1, new byte[11]))
                .getMessage(), "payload of 11 bytes exceeds the limit of 10 bytes");
        assertContains(serializationFailure(small.seal("k", 1, new byte[11], null, null)).getMessage(),
                "exceeds the limit");
        assertArrayEquals(new byte[10], small.openPlain("k", small.sealPlain("k", 1, new byte[10])).payload());
    }

    @Test
    public void decompressorIgnoringTheLimitIsCaughtAfterwards() {
        RunLengthCompressor bomb = new RunLengthCompressor(RunLengthCompressor.Fault.IGNORE_LIMIT, null);
        byte[] sealed = value(ENVELOPE.seal("k", 1, repetitive(), new RunLengthCompressor(), null));
        byte[] lying = sealed.clone();
        lying[11] = 10; // declares 10 bytes; the body holds far more
        CorruptedDataException e = corruption(ENVELOPE.open("k", restampChecksum("k", lying),
                Algorithms.builder().compressor(bomb).build()));
        assertContains(e.getMessage(), "decompression with test-rle gave 90 bytes, but the header declares 10");
    }

    @Test
    public void wellBehavedDecompressorRefusesBeyondTheDeclaredLength() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, repetitive(), new RunLengthCompressor(), null));
        sealed[11] = 10;
        CorruptedDataException e = corruption(ENVELOPE.open("k", restampChecksum("k", sealed), fakes(0)));
        assertContains(e.getMessage(), "decompression with test-rle failed");
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    public void shortDecompressedOutputIsCorrupted() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, repetitive(), new RunLengthCompressor(), null));
        Algorithms faulty = Algorithms.builder()
                .compressor(new RunLengthCompressor(RunLengthCompressor.Fault.SHORT_OUTPUT, null)).build();
        assertContains(corruption(ENVELOPE.open("k", sealed, faulty)).getMessage(),
                "gave 89 bytes, but the header declares 90");
    }

    @Test
    public void shortDecryptedOutputIsCorrupted() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, JSON, null, new FakeAead(1)));
        Algorithms faulty = Algorithms.builder().cipher(new FakeAead(1, FakeAead.Fault.SHORT_PLAINTEXT, null)).build();
        assertContains(corruption(ENVELOPE.open("k", sealed, faulty)).getMessage(),
                "decryption with test-aead gave 23 bytes, expected 24");
    }

    @Test
    public void uncompressedLengthMismatchIsCorrupted() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
        sealed[11] = 5;
        assertReason(restampChecksum("k", sealed),
                "length mismatch: header declares a payload of 5 bytes, the body holds 24");
    }

    @Test
    public void malformedCompressedBodyIsCorrupted() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, repetitive(), new RunLengthCompressor(), null));
        sealed[16] = 0; // a run of length zero
        assertContains(corruption(ENVELOPE.open("k", restampChecksum("k", sealed), fakes(0))).getMessage(),
                "decompression with test-rle failed");
    }

    // ---- algorithms not configured -------------------------------------------------------------

    @Test
    public void registeredButUnconfiguredAlgorithmsAreSerializationFailures() {
        byte[] sealed = ENVELOPE.sealPlain("k", 1, JSON);
        sealed[6] = (byte) Compressor.GZIP;
        SerializationException e = serializationFailure(ENVELOPE.open("k", restampChecksum("k", sealed), fakes(0)));
        assertContains(e.getMessage(), "the value needs compressor gzip (id 1), which is not configured");
        assertEquals("k", e.key());

        byte[] encrypted = ENVELOPE.sealPlain("k", 1, JSON);
        encrypted[7] = (byte) Cipher.CHACHA20_POLY1305;
        Algorithms compressorOnly = Algorithms.builder().compressor(new RunLengthCompressor()).build();
        assertContains(serializationFailure(ENVELOPE.open("k", restampChecksum("k", encrypted), compressorOnly))
                .getMessage(), "the value needs cipher chacha20-poly1305 (id 2), which is not configured");
    }

    // ---- a reader with a cipher opens only what its cipher sealed --------------------------------

    @Test
    public void aReaderWithACipherRefusesAnUnencryptedValueAsCorrupted() {
        byte[] forged = ENVELOPE.sealPlain("k", 1, JSON);
        assertContains(corruption(ENVELOPE.open("k", forged, sealedOnly(9))).getMessage(), "not encrypted");
        byte[] compressed = value(ENVELOPE.seal("k", 1, repetitive(), new RunLengthCompressor(), null));
        assertContains(corruption(ENVELOPE.open("k", compressed, sealedOnly(9))).getMessage(), "not encrypted");
    }

    @Test
    public void aReaderThatAcceptsUnencryptedValuesOpensBothKinds() {
        Algorithms migrating = Algorithms.builder().cipher(new FakeAead(9)).acceptUnencrypted().build();
        assertArrayEquals(JSON, value(ENVELOPE.open("k", ENVELOPE.sealPlain("k", 1, JSON), migrating)).payload());
        byte[] sealed = value(ENVELOPE.seal("k", 1, JSON, null, new FakeAead(9)));
        assertArrayEquals(JSON, value(ENVELOPE.open("k", sealed, migrating)).payload());
        assertTrue(migrating.hasCipher());
        assertTrue(migrating.acceptsUnencrypted());
        assertFalse(sealedOnly(9).acceptsUnencrypted());
        assertTrue(Algorithms.none().acceptsUnencrypted());
        assertTrue(Algorithms.builder().acceptUnencrypted().build().acceptsUnencrypted());
    }

    @Test
    public void aChangedCipherIdIsCorruptionWhenACipherIsConfigured() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, JSON, null, new FakeAead(9)));
        for (int id : new int[] {Cipher.AES_256_GCM, Cipher.CHACHA20_POLY1305, 128, 255}) {
            byte[] tampered = sealed.clone();
            tampered[7] = (byte) id;
            assertContains(corruption(ENVELOPE.open("k", restampChecksum("k", tampered), sealedOnly(9))).getMessage(),
                    "not with a configured one");
        }
        byte[] unsealed = sealed.clone();
        unsealed[7] = 0;
        corruption(ENVELOPE.open("k", restampChecksum("k", unsealed), sealedOnly(9)));
    }

    @Test
    public void userDefinedButUnconfiguredAlgorithmsAreSerializationFailures() {
        byte[] sealed = value(ENVELOPE.seal("k", 1, repetitive(), new RunLengthCompressor(), new FakeAead(1)));
        assertContains(serializationFailure(ENVELOPE.open("k", sealed, Algorithms.none())).getMessage(),
                "compressor user-defined (id 200)");
        assertContains(serializationFailure(ENVELOPE.open("k", sealed,
                Algorithms.builder().compressor(new RunLengthCompressor()).build())).getMessage(),
                "cipher user-defined (id 201)");
        assertContains(assertThrows(SerializationException.class, () -> ENVELOPE.openPlain("k", sealed)).getMessage(),
                "not configured");
    }

    // ---- sealing failures ----------------------------------------------------------------------

    @Test
    public void compressorThrowingIsASerializationFailure() {
        RunLengthCompressor faulty = new RunLengthCompressor(RunLengthCompressor.Fault.THROW_ON_COMPRESS, null);
        SerializationException e = serializationFailure(ENVELOPE.seal("k", 1, JSON, faulty, null));
        assertContains(e.getMessage(), "compression with test-rle failed");
        assertTrue(e.getCause() instanceof IllegalStateException);
    }

    @Test
    public void cipherFailingIsASerializationFailure() {
        Pending pending = new Pending();
        Async<byte[]> sealing = ENVELOPE.seal("k", 1, JSON, null,
                new FakeAead(1, FakeAead.Fault.FAIL_ENCRYPT, pending));
        pending.runAll();
        assertContains(serializationFailure(sealing).getMessage(), "encryption with test-aead failed");
    }

    @Test
    public void cipherBreakingItsOverheadIsASerializationFailure() {
        Async<byte[]> sealing = ENVELOPE.seal("k", 1, JSON, null,
                new FakeAead(1, FakeAead.Fault.LONG_CIPHERTEXT, null));
        assertContains(serializationFailure(sealing).getMessage(),
                "cipher test-aead returned 33 bytes for 24 bytes of plaintext, but declares an overhead of 8 bytes");
    }

    @Test
    public void persistenceExceptionsOfPluginsPassThrough() {
        QuotaExceededException quota = new QuotaExceededException("test", "k", "full", null);
        Compressor failing = new Compressor() {
            @Override
            public int id() {
                return 150;
            }

            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Async<byte[]> compress(byte[] data) {
                return Async.failed(quota);
            }

            @Override
            public Async<byte[]> decompress(byte[] data, int maxOutput) {
                return Async.failed(quota);
            }
        };
        Async<byte[]> sealing = ENVELOPE.seal("k", 1, JSON, failing, null);
        assertSame(quota, sealing.failure());
        byte[] forged = ENVELOPE.sealPlain("k", 1, repetitive());
        forged[6] = (byte) 150;
        Async<Envelope.Opened> opening = ENVELOPE.open("k", restampChecksum("k", forged),
                Algorithms.builder().compressor(failing).build());
        assertSame(quota, opening.failure());
    }

    // ---- misuse --------------------------------------------------------------------------------

    @Test
    public void misuseIsRejectedWithJdkExceptions() {
        assertThrows(NullPointerException.class, () -> ENVELOPE.seal(null, 1, JSON, null, null));
        assertThrows(NullPointerException.class, () -> ENVELOPE.seal("k", 1, null, null, null));
        assertThrows(NullPointerException.class, () -> ENVELOPE.open("k", null, Algorithms.none()));
        assertThrows(NullPointerException.class, () -> ENVELOPE.open("k", new byte[0], null));
        assertThrows(NullPointerException.class, () -> ENVELOPE.openPlain(null, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ENVELOPE.sealPlain("k", 256, JSON));
        assertThrows(IllegalArgumentException.class, () -> ENVELOPE.seal("k", -1, JSON, null, null));
        assertThrows(IllegalArgumentException.class, () -> Envelope.create(-1));
        assertThrows(IllegalArgumentException.class, () -> Envelope.create(Integer.MAX_VALUE));
        Compressor reserved = new RunLengthCompressor() {
            @Override
            public int id() {
                return 9;
            }
        };
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> ENVELOPE.seal("k", 1, JSON, reserved, null)).getMessage(),
                        "compressor id 9 of test-rle is not allowed");
    }

    @Test
    public void algorithmsBuilderRejectsNonsense() {
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> Algorithms.builder().compressor(new RunLengthCompressor()).compressor(new RunLengthCompressor()))
                .getMessage(), "two compressors with id 200");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> Algorithms.builder().cipher(new FakeAead(1)).cipher(new FakeAead(2))).getMessage(),
                "two ciphers with id 201");
        Cipher zero = new FakeAead(1) {
            @Override
            public int id() {
                return 0;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Algorithms.builder().cipher(zero));
        Cipher negative = new FakeAead(1) {
            @Override
            public int overheadBytes() {
                return -1;
            }
        };
        assertContains(assertThrows(IllegalArgumentException.class, () -> Algorithms.builder().cipher(negative))
                .getMessage(), "negative overhead");
        Compressor unnamed = new RunLengthCompressor() {
            @Override
            public String name() {
                return "";
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Algorithms.builder().compressor(unnamed));
    }

    @Test
    public void algorithmsLookUpById() {
        RunLengthCompressor compressor = new RunLengthCompressor();
        FakeAead cipher = new FakeAead(1);
        Algorithms.Builder builder = Algorithms.builder().compressor(compressor).cipher(cipher);
        Algorithms algorithms = builder.build();
        assertSame(compressor, algorithms.compressor(RunLengthCompressor.ID));
        assertSame(cipher, algorithms.cipher(FakeAead.ID));
        assertNull(algorithms.compressor(1));
        assertNull(algorithms.cipher(-1));
        assertNull(algorithms.cipher(256));
        assertNull(Algorithms.none().compressor(RunLengthCompressor.ID));
        // A built set does not change when its builder goes on.
        builder.compressor(new RunLengthCompressor() {
            @Override
            public int id() {
                return 201;
            }
        });
        assertNull(algorithms.compressor(201));
    }

    private static void assertReason(byte[] stored, String reason) {
        CorruptedDataException async = corruption(ENVELOPE.open("k", stored, Algorithms.none()));
        assertContains(async.getMessage(), reason);
        assertEquals("k", async.key());
        assertContains(assertThrows(CorruptedDataException.class, () -> ENVELOPE.openPlain("k", stored))
                .getMessage(), reason);
    }

    private static byte[] allByteValues() {
        byte[] out = new byte[256];
        for (int i = 0; i < 256; i++) {
            out[i] = (byte) i;
        }
        return out;
    }
}
