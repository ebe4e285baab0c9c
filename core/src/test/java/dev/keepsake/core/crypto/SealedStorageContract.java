package dev.keepsake.core.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.time.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The one suite every compressor and cipher passes, through the {@link PersistenceManager} and
 * a real backend, on every platform: round trips, "stored uncompressed when it does not
 * shrink", tampering, truncation, wrong key, a value copied to another key, a fresh nonce per
 * write, and key material absent from every message. A platform's test extends this class and
 * supplies {@link #compressor()} and {@link #cipher}; a backend or cipher that completes later
 * than it returns also overrides {@link #await(Async)}.
 *
 * <p>JUnit 4 so that TeaVM's test runner can run the same class on the JVM, JS and wasm-gc.
 */
public abstract class SealedStorageContract {

    /** A raw test key: bytes 0x00..0x1f. */
    protected static final byte[] KEY_BYTES = sequence(0, 32);
    /** Another raw test key. */
    protected static final byte[] OTHER_KEY_BYTES = sequence(0x40, 32);

    private final ManualScheduler time = ManualScheduler.create();
    protected StorageBackend backend;

    /** Returns the compressor under test, or null to test a cipher alone. */
    protected abstract Compressor compressor();

    /** Returns the cipher under test keyed with {@code key}, nonces from {@code random}; null for none. */
    protected abstract Cipher cipher(EncryptionKey key, RandomSource random);

    /** Returns a new, empty backend; the default is a {@link MemoryBackend}. */
    protected StorageBackend newBackend() throws Exception {
        return MemoryBackend.create();
    }

    /** Releases what {@link #newBackend()} created. */
    protected void dispose(StorageBackend backend) throws Exception {
    }

    /**
     * Returns the value of {@code async} once settled, rethrowing its failure; the default
     * requires it to be settled already (synchronous backends and ciphers).
     */
    protected <T> T await(Async<T> async) {
        return async.peek();
    }

    @Before
    public final void createBackend() throws Exception {
        backend = newBackend();
    }

    @After
    public final void disposeBackend() throws Exception {
        if (backend != null) {
            dispose(backend);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private boolean encrypted() {
        return cipher(EncryptionKey.of(KEY_BYTES), TestRandom.stream(1)) != null;
    }

    private PersistenceManager<String> manager(byte[] key, RandomSource random) {
        PersistenceConfig.Builder config = PersistenceConfig.builder().cacheSize(0);
        Compressor compressor = compressor();
        if (compressor != null) {
            config.compressor(compressor);
        }
        Cipher cipher = cipher(EncryptionKey.of(key), random);
        if (cipher != null) {
            config.cipher(cipher);
        }
        return PersistenceManager.builder(backend, STRINGS, time).config(config.build()).build();
    }

    private PersistenceManager<String> manager() {
        return manager(KEY_BYTES, TestRandom.stream(7));
    }

    private void write(PersistenceManager<String> m, String key, String value) {
        Async<Void> saved = m.save(key, value);
        await(m.flush());
        await(saved);
    }

    private byte[] stored(String key) {
        return await(backend.load("keepsake:" + key));
    }

    private void store(String key, byte[] bytes) {
        await(backend.save("keepsake:" + key, bytes));
    }

    private Optional<String> read(String key) {
        return await(manager().load(key));
    }

    /** Returns the failure of loading {@code key} with a fresh manager, which must be corruption. */
    private CorruptedDataException corruption(PersistenceManager<String> reader, String key, String what) {
        try {
            Optional<String> value = await(reader.load(key));
            fail(what + ": expected CorruptedDataException, read " + value);
            return null;
        } catch (CorruptedDataException e) {
            return e;
        }
    }

    // ---- round trips -----------------------------------------------------------------------

    @Test
    public void compressibleValuesRoundTripCompressedAndEncryptedAsConfigured() {
        String json = jsonLike(4000);
        write(manager(), "doc", json);
        byte[] bytes = stored("doc");
        Compressor compressor = compressor();
        if (compressor != null) {
            assertEquals("compression id", compressor.id(), bytes[6] & 0xFF);
            assertTrue("compressed: " + bytes.length + " bytes for " + json.length(), bytes.length < json.length() / 2);
        } else {
            assertEquals("compression id", 0, bytes[6]);
        }
        Cipher cipher = cipher(EncryptionKey.of(KEY_BYTES), TestRandom.stream(1));
        assertEquals("cipher id", cipher == null ? 0 : cipher.id(), bytes[7] & 0xFF);
        if (cipher != null) {
            assertFalse("plaintext visible in the stored bytes",
                    new String(bytes, StandardCharsets.ISO_8859_1).contains("\"name\""));
        }
        assertEquals(Optional.of(json), read("doc"));
    }

    @Test
    public void valuesOfManySizesRoundTrip() {
        PersistenceManager<String> writer = manager();
        int[] sizes = {0, 1, 15, 16, 17, 63, 64, 65, 255, 1000, 65_536, 200_000};
        for (int size : sizes) {
            writer.save("v" + size, jsonLike(size));
        }
        await(writer.flush());
        PersistenceManager<String> reader = manager();
        for (int size : sizes) {
            assertEquals("size " + size, Optional.of(jsonLike(size)), await(reader.load("v" + size)));
        }
    }

    @Test
    public void aValueCompressionWouldNotShrinkIsStoredUncompressed() {
        write(manager(), "short", "abc");
        byte[] bytes = stored("short");
        assertEquals("compression id", 0, bytes[6]);
        Cipher cipher = cipher(EncryptionKey.of(KEY_BYTES), TestRandom.stream(1));
        int overhead = cipher == null ? 0 : cipher.overheadBytes();
        assertEquals("frame + payload + cipher overhead", 20 + 3 + overhead, bytes.length);
        assertEquals(Optional.of("abc"), read("short"));
    }

    // ---- damage ----------------------------------------------------------------------------

    @Test
    public void flippingAnyStoredBitIsCorruption() {
        write(manager(), "k", jsonLike(300));
        byte[] good = stored("k");
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            store("k", bad);
            corruption(manager(), "k", "bit flipped in byte " + i);
        }
    }

    @Test
    public void tamperingAnyByteWithAFixedChecksumIsCaughtByTheCipher() {
        if (!encrypted()) {
            return; // without a cipher the CRC is the only check; a recomputed CRC defeats it by design
        }
        write(manager(), "k", jsonLike(300));
        byte[] good = stored("k");
        for (int i = 0; i < good.length - 4; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            if (i >= 8 && i < 16) {
                continue; // length fields: a changed length is caught before the cipher runs (previous test)
            }
            writeCrc(bad);
            store("k", bad);
            if (i == 6 || i == 7) {
                // A forged algorithm id the reader lacks is refused before any cipher runs, as a
                // configuration problem (Envelope's rule); either way no data is released.
                try {
                    Optional<String> value = await(manager().load("k"));
                    fail("forged algorithm id in byte " + i + " read " + value);
                } catch (CorruptedDataException | SerializationException expected) {
                    assertNotNull(expected.getMessage());
                }
                continue;
            }
            CorruptedDataException e = corruption(manager(), "k", "byte " + i + " tampered, CRC fixed");
            assertNotNull(e.getMessage());
        }
    }

    @Test
    public void everyTruncationIsCorruption() {
        write(manager(), "k", jsonLike(300));
        byte[] good = stored("k");
        for (int n = 0; n < good.length; n++) {
            store("k", Arrays.copyOf(good, n));
            corruption(manager(), "k", "truncated to " + n + " bytes");
        }
    }

    @Test
    public void theWrongKeyIsCorruption() {
        if (!encrypted()) {
            return;
        }
        write(manager(), "k", jsonLike(300));
        corruption(manager(OTHER_KEY_BYTES, TestRandom.stream(3)), "k", "opened with another key");
        assertEquals(Optional.of(jsonLike(300)), read("k"));
    }

    @Test
    public void aValueCopiedToAnotherKeyIsCorruption() {
        if (!encrypted()) {
            return;
        }
        write(manager(), "a", jsonLike(300));
        store("b", stored("a"));
        CorruptedDataException e = corruption(manager(), "b", "copied from a to b");
        assertEquals("keepsake:b", e.key());
        assertEquals(Optional.of(jsonLike(300)), read("a"));
    }

    // ---- nonces and keys -------------------------------------------------------------------

    @Test
    public void everyWriteOfTheSameValueUsesAFreshNonce() {
        if (!encrypted()) {
            return;
        }
        PersistenceManager<String> m = manager();
        write(m, "k", "same value, written twice");
        byte[] first = stored("k");
        write(m, "k", "same value, written twice!");
        write(m, "k", "same value, written twice");
        byte[] second = stored("k");
        assertEquals(first.length, second.length);
        assertFalse("two writes of one value are identical", Arrays.equals(first, second));
        assertFalse("nonce repeated",
                Arrays.equals(Arrays.copyOfRange(first, 16, 28), Arrays.copyOfRange(second, 16, 28)));
    }

    @Test
    public void theNonceComesFromTheInjectedRandomSourceAndLeadsTheBody() {
        if (!encrypted()) {
            return;
        }
        byte[] nonce = sequence(0xA0, 12);
        write(manager(KEY_BYTES, TestRandom.fixed(nonce)), "k", jsonLike(100));
        byte[] bytes = stored("k");
        assertArrayEquals(nonce, Arrays.copyOfRange(bytes, 16, 28));
        assertEquals(Optional.of(jsonLike(100)), read("k"));
    }

    @Test
    public void keyMaterialAppearsInNoMessageOrDescription() {
        Cipher cipher = cipher(EncryptionKey.of(KEY_BYTES), TestRandom.stream(1));
        StringBuilder seen = new StringBuilder();
        seen.append(EncryptionKey.of(KEY_BYTES)).append('\n');
        seen.append(Encryption.aes256Gcm(EncryptionKey.of(KEY_BYTES))).append('\n');
        seen.append(Encryption.chacha20Poly1305(EncryptionKey.of(KEY_BYTES))).append('\n');
        seen.append(cipher).append('\n');
        PersistenceConfig.Builder config = PersistenceConfig.builder();
        if (cipher != null) {
            config.cipher(cipher);
        }
        seen.append(config.build()).append('\n');
        write(manager(), "k", jsonLike(300));
        byte[] good = stored("k");
        byte[] bad = good.clone();
        bad[good.length - 10] ^= 0x10;
        if (cipher != null) {
            writeCrc(bad); // so that the cipher, not the checksum, rejects it
        }
        store("k", bad);
        describeChain(corruption(manager(), "k", "tampered"), seen);
        store("k", good);
        if (cipher != null) {
            describeChain(corruption(manager(OTHER_KEY_BYTES, TestRandom.stream(3)), "k", "wrong key"), seen);
        }
        String text = seen.toString();
        assertTrue(text, text.contains("redacted"));
        for (byte[] key : new byte[][] {KEY_BYTES, OTHER_KEY_BYTES}) {
            assertFalse("key hex in: " + text, text.toLowerCase().contains(hex(key).substring(0, 16)));
            assertFalse("key array in: " + text, text.contains(Arrays.toString(key).substring(0, 20)));
            assertFalse("key bytes in: " + text,
                    text.contains(new String(key, StandardCharsets.ISO_8859_1).substring(8, 20)));
        }
    }

    private static void describeChain(Throwable e, StringBuilder out) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
    }

    // ---- data --------------------------------------------------------------------------------

    /** Returns a JSON-like document of exactly {@code length} characters, compressible like real state. */
    public static String jsonLike(int length) {
        StringBuilder sb = new StringBuilder(length + 100);
        int i = 0;
        sb.append('[');
        while (sb.length() < length) {
            sb.append("{\"id\":").append(i).append(",\"name\":\"item ").append(i * 7919 % 1000)
                    .append("\",\"done\":").append(i % 3 == 0).append(",\"tags\":[\"a\",\"b").append(i % 5)
                    .append("\"]},");
            i++;
        }
        sb.setLength(length);
        return sb.toString();
    }

    static byte[] sequence(int first, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }

    /** Recomputes the envelope's trailing CRC-32C, as an attacker who edits the bytes would. */
    static void writeCrc(byte[] envelope) {
        int end = envelope.length - 4;
        int crc = 0xFFFFFFFF;
        for (int i = 0; i < end; i++) {
            crc ^= envelope[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        crc = ~crc;
        envelope[end] = (byte) (crc >>> 24);
        envelope[end + 1] = (byte) (crc >>> 16);
        envelope[end + 2] = (byte) (crc >>> 8);
        envelope[end + 3] = (byte) crc;
    }

    private static final Serializer<String> STRINGS = new Serializer<>() {
        @Override
        public byte[] serialize(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public int formatId() {
            return 1;
        }
    };
}
