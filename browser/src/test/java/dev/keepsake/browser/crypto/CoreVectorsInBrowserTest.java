package dev.keepsake.browser.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.fail;

import dev.keepsake.browser.compress.BrowserCompression;
import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.crypto.CrossPlatformVectors;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Envelope;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Core's golden vectors, sealed by the JVM (lz4-java, java.util.zip, zstd-jni, javax.crypto),
 * opened in Chromium (JS and wasm-gc) with the browser's own algorithms, passphrase keys
 * derived by WebCrypto; the zstd vector is refused as a configuration problem, not corruption.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class CoreVectorsInBrowserTest {

    @Test
    public void webCryptoDerivesTheJvmsPassphraseKey() {
        EncryptionKey derived = Blocking.await(BrowserCrypto.deriveKey(CrossPlatformVectors.PASSPHRASE,
                CrossPlatformVectors.SALT, CrossPlatformVectors.ITERATIONS));
        assertEquals(CrossPlatformVectors.DERIVED_KEY_HEX, WebCryptoTest.toHex(derived.bytes()));
    }

    @Test
    public void everyVectorExceptZstdOpensWithTheBrowsersAlgorithms() {
        byte[] derived = Blocking.await(BrowserCrypto.deriveKey(CrossPlatformVectors.PASSPHRASE,
                CrossPlatformVectors.SALT, CrossPlatformVectors.ITERATIONS)).bytes();
        int opened = 0;
        for (CrossPlatformVectors vector : CrossPlatformVectors.values()) {
            if (vector == CrossPlatformVectors.ZSTD) {
                continue;
            }
            Algorithms.Builder algorithms = Algorithms.builder();
            if (vector.compression != null) {
                algorithms.compressor(BrowserCompression.of(vector.compression));
            }
            if (vector.encryption != null) {
                EncryptionKey key = EncryptionKey.of(vector.keyBytes(derived));
                algorithms.cipher(BrowserCrypto.of(vector.encryption == Encryption.Algorithm.AES_256_GCM
                        ? Encryption.aes256Gcm(key) : Encryption.chacha20Poly1305(key)));
            }
            Envelope.Opened value = Blocking.await(Envelope.create().open(CrossPlatformVectors.STORAGE_KEY,
                    vector.bytes(), algorithms.build()));
            assertEquals(vector.file, CrossPlatformVectors.FORMAT_ID, value.formatId());
            assertArrayEquals(vector.file, CrossPlatformVectors.payload(), value.payload());
            opened++;
        }
        assertEquals(CrossPlatformVectors.values().length - 1, opened);
    }

    @Test
    public void theZstdVectorNeedsAnAlgorithmTheBrowserRefusesToConfigure() {
        assertThrows(IllegalArgumentException.class,
                () -> BrowserCompression.of(CrossPlatformVectors.ZSTD.compression));
        Algorithms browser = Algorithms.builder().compressor(BrowserCompression.gzip())
                .compressor(BrowserCompression.lz4()).build();
        try {
            Blocking.await(Envelope.create().open(CrossPlatformVectors.STORAGE_KEY, CrossPlatformVectors.ZSTD.bytes(),
                    browser));
            fail("a zstd value opened without zstd");
        } catch (SerializationException expected) {
            // intact bytes naming an algorithm this reader lacks: configuration, not corruption
        }
    }
}
