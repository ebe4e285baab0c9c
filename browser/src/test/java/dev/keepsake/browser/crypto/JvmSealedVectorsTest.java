package dev.keepsake.browser.crypto;

import static dev.keepsake.browser.crypto.CrossPlatformVectors.FORMAT_ID;
import static dev.keepsake.browser.crypto.CrossPlatformVectors.STORE_KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import dev.keepsake.jvm.compress.JvmCompression;
import dev.keepsake.jvm.crypto.JvmCrypto;
import org.junit.jupiter.api.Test;

/**
 * On the JVM: the envelopes of {@link CrossPlatformVectors}, which the browser tests open,
 * are what the JVM's algorithms write and open to the payload.
 */
class JvmSealedVectorsTest {

    private static final Cipher AES = JvmCrypto.of(Encryption.aes256Gcm(CrossPlatformVectors.key()),
            CrossPlatformVectors.fixedNonce());
    private static final Cipher CHACHA = JvmCrypto.of(Encryption.chacha20Poly1305(CrossPlatformVectors.key()),
            CrossPlatformVectors.fixedNonce());
    private static final Algorithms JVM = Algorithms.builder()
            .compressor(JvmCompression.gzip()).compressor(JvmCompression.lz4())
            .cipher(AES).cipher(CHACHA).acceptUnencrypted().build(); // also the compressed-only vectors

    @Test
    void cipherVectorsAreExactlyWhatTheJvmSeals() {
        assertEquals(CrossPlatformVectors.AES_256_GCM, seal(null, AES));
        assertEquals(CrossPlatformVectors.CHACHA20_POLY1305, seal(null, CHACHA));
    }

    @Test
    void compressedVectorsAreCompressed() {
        // Compressed bytes may differ between zlib builds, so these are checked by id here and
        // by opening below, not byte for byte.
        assertEquals(Compressor.GZIP, CrossPlatformVectors.hex(CrossPlatformVectors.GZIP)[6]);
        assertEquals(Compressor.LZ4, CrossPlatformVectors.hex(CrossPlatformVectors.LZ4)[6]);
        assertEquals(Compressor.GZIP, CrossPlatformVectors.hex(CrossPlatformVectors.GZIP_AES_256_GCM)[6]);
        assertEquals(Compressor.LZ4, CrossPlatformVectors.hex(CrossPlatformVectors.LZ4_CHACHA20_POLY1305)[6]);
    }

    @Test
    void everyVectorOpensOnTheJvm() {
        for (String vector : new String[] {CrossPlatformVectors.GZIP, CrossPlatformVectors.LZ4,
                CrossPlatformVectors.AES_256_GCM, CrossPlatformVectors.CHACHA20_POLY1305,
                CrossPlatformVectors.GZIP_AES_256_GCM, CrossPlatformVectors.LZ4_CHACHA20_POLY1305}) {
            Envelope.Opened opened = Envelope.create().open(STORE_KEY, CrossPlatformVectors.hex(vector), JVM).peek();
            assertEquals(FORMAT_ID, opened.formatId());
            assertArrayEquals(CrossPlatformVectors.payload(), opened.payload());
        }
    }

    private static String seal(Compressor compressor, Cipher cipher) {
        return CrossPlatformVectors.toHex(Envelope.create()
                .seal(STORE_KEY, FORMAT_ID, CrossPlatformVectors.payload(), compressor, cipher).peek());
    }
}
