package dev.keepsake.browser.crypto;

import static dev.keepsake.browser.crypto.CrossPlatformVectors.FORMAT_ID;
import static dev.keepsake.browser.crypto.CrossPlatformVectors.STORE_KEY;
import static dev.keepsake.browser.crypto.CrossPlatformVectors.hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.browser.compress.BrowserCompression;
import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Envelopes the JVM sealed ({@link CrossPlatformVectors}) open in Chromium, in JS and wasm-gc,
 * with the browser's algorithms: gzip by CompressionStream, LZ4 by core, AES-GCM by WebCrypto,
 * ChaCha20-Poly1305 by core; the browser's ciphers reproduce the JVM's bytes for the same
 * nonce; and a wrong key or another store key is detected.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class CrossPlatformEnvelopeTest {

    private final Cipher aes = BrowserCrypto.aes256Gcm(CrossPlatformVectors.key());
    private final Cipher chacha = BrowserCrypto.chacha20Poly1305(CrossPlatformVectors.key());
    private final Algorithms browser = Algorithms.builder()
            .compressor(BrowserCompression.gzip()).compressor(BrowserCompression.lz4())
            .cipher(aes).cipher(chacha).acceptUnencrypted().build(); // also the compressed-only vectors

    @Test
    public void gzipWrittenByTheJdkOpens() {
        assertOpens(CrossPlatformVectors.GZIP, Compressor.GZIP, Cipher.NONE);
    }

    @Test
    public void lz4WrittenByLz4JavaOpens() {
        assertOpens(CrossPlatformVectors.LZ4, Compressor.LZ4, Cipher.NONE);
    }

    @Test
    public void aesGcmSealedByJavaxCryptoOpens() {
        assertOpens(CrossPlatformVectors.AES_256_GCM, Compressor.NONE, Cipher.AES_256_GCM);
    }

    @Test
    public void chacha20Poly1305SealedByJavaxCryptoOpens() {
        assertOpens(CrossPlatformVectors.CHACHA20_POLY1305, Compressor.NONE, Cipher.CHACHA20_POLY1305);
    }

    @Test
    public void compressedAndEncryptedJvmValuesOpen() {
        assertOpens(CrossPlatformVectors.GZIP_AES_256_GCM, Compressor.GZIP, Cipher.AES_256_GCM);
        assertOpens(CrossPlatformVectors.LZ4_CHACHA20_POLY1305, Compressor.LZ4, Cipher.CHACHA20_POLY1305);
    }

    @Test
    public void browserCiphersSealTheJvmsBytesForTheSameNonce() {
        Cipher fixedAes = BrowserCrypto.of(Encryption.aes256Gcm(CrossPlatformVectors.key()),
                CrossPlatformVectors.fixedNonce());
        Cipher fixedChacha = BrowserCrypto.of(Encryption.chacha20Poly1305(CrossPlatformVectors.key()),
                CrossPlatformVectors.fixedNonce());
        assertEquals(CrossPlatformVectors.AES_256_GCM, CrossPlatformVectors.toHex(Blocking.await(Envelope.create()
                .seal(STORE_KEY, FORMAT_ID, CrossPlatformVectors.payload(), null, fixedAes))));
        assertEquals(CrossPlatformVectors.CHACHA20_POLY1305, CrossPlatformVectors.toHex(Blocking.await(Envelope.create()
                .seal(STORE_KEY, FORMAT_ID, CrossPlatformVectors.payload(), null, fixedChacha))));
    }

    @Test
    public void aWrongKeyOrAnotherStoreKeyIsCorruptionForEveryCipher() {
        byte[] raw = CrossPlatformVectors.key().bytes();
        raw[0] ^= 1;
        EncryptionKey wrong = EncryptionKey.of(raw);
        Algorithms wrongKeys = Algorithms.builder()
                .compressor(BrowserCompression.gzip()).compressor(BrowserCompression.lz4())
                .cipher(BrowserCrypto.aes256Gcm(wrong)).cipher(BrowserCrypto.chacha20Poly1305(wrong)).build();
        for (String vector : new String[] {CrossPlatformVectors.AES_256_GCM, CrossPlatformVectors.CHACHA20_POLY1305,
                CrossPlatformVectors.GZIP_AES_256_GCM, CrossPlatformVectors.LZ4_CHACHA20_POLY1305}) {
            corrupted(Envelope.create().open(STORE_KEY, hex(vector), wrongKeys));
            corrupted(Envelope.create().open("cross/other", hex(vector), browser));
        }
    }

    @Test
    public void aFlippedBitWithAFixedChecksumStillFailsAuthentication() {
        for (String vector : new String[] {CrossPlatformVectors.AES_256_GCM, CrossPlatformVectors.CHACHA20_POLY1305}) {
            byte[] tampered = hex(vector);
            tampered[40] ^= 0x04;
            fixCrc(tampered, STORE_KEY);
            CorruptedDataException e = corrupted(Envelope.create().open(STORE_KEY, tampered, browser));
            assertTrue(e.getMessage(), e.getMessage().contains("decryption"));
            assertEquals(STORE_KEY, e.key());
        }
    }

    private void assertOpens(String vector, int compressionId, int cipherId) {
        Envelope.Opened opened = Blocking.await(Envelope.create().open(STORE_KEY, hex(vector), browser));
        assertEquals(FORMAT_ID, opened.formatId());
        assertEquals(compressionId, opened.compressionId());
        assertEquals(cipherId, opened.cipherId());
        assertArrayEquals(CrossPlatformVectors.payload(), opened.payload());
    }

    /**
     * Recomputes the CRC-32C trailer of a version 2 envelope stored under the ASCII key
     * {@code key} (the checksum covers the bytes, then the key), so that only the cipher can
     * notice the change.
     */
    public static void fixCrc(byte[] envelope, String key) {
        int end = envelope.length - 4;
        byte[] covered = new byte[end + key.length()];
        System.arraycopy(envelope, 0, covered, 0, end);
        for (int i = 0; i < key.length(); i++) {
            covered[end + i] = (byte) key.charAt(i);
        }
        int crc = 0xFFFFFFFF;
        for (int i = 0; i < covered.length; i++) {
            crc ^= covered[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        crc = ~crc;
        envelope[end] = (byte) (crc >>> 24);
        envelope[end + 1] = (byte) (crc >>> 16);
        envelope[end + 2] = (byte) (crc >>> 8);
        envelope[end + 3] = (byte) crc;
    }

    static CorruptedDataException corrupted(dev.keepsake.core.async.Async<?> async) {
        try {
            Blocking.await(async);
        } catch (CorruptedDataException e) {
            return e;
        } catch (PersistenceException e) {
            throw new AssertionError("expected CorruptedDataException, got " + e, e);
        }
        fail("expected CorruptedDataException but the value opened");
        return null;
    }
}
