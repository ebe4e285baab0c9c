package dev.keepsake.browser.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import dev.keepsake.jvm.compress.JvmCompression;
import dev.keepsake.jvm.crypto.JvmCrypto;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The other direction of {@link CrossPlatformEnvelopeTest}: envelopes sealed in Chromium by the
 * JS and the wasm-gc build (CompressionStream gzip, core LZ4, WebCrypto AES-GCM, core
 * ChaCha20-Poly1305, random nonces from getRandomValues) open on the JVM with the JVM's
 * algorithms (java.util.zip, lz4-java, javax.crypto), and stay bound to their key.
 */
class BrowserSealedOnJvmTest {

    private static final String[] SETUPS = {"gzip", "lz4", "aes", "chacha", "gzip+aes", "lz4+chacha"};
    private static final int[] SIZES = {700, 200_000};
    private static final Algorithms JVM = Algorithms.builder()
            .compressor(JvmCompression.gzip()).compressor(JvmCompression.lz4())
            .cipher(JvmCrypto.aes256Gcm(CrossPlatformVectors.key()))
            .cipher(JvmCrypto.chacha20Poly1305(CrossPlatformVectors.key()))
            .acceptUnencrypted() // the compressed-only setups
            .build();

    @Test
    void valuesSealedByTheJsBuildOpenOnTheJvm() throws Exception {
        check("crosscrypto.html");
    }

    @Test
    void valuesSealedByTheWasmBuildOpenOnTheJvm() throws Exception {
        check("crosscrypto-wasm.html");
    }

    private static void check(String page) throws Exception {
        try (CrossCryptoBuild browser = CrossCryptoBuild.start()) {
            browser.open(page);
            for (String setup : SETUPS) {
                for (int size : SIZES) {
                    String storeKey = "from/" + page + "/" + setup;
                    Object result = browser.run("return await cc.seal('" + setup + "', '" + storeKey + "', " + size
                            + ");");
                    assertFalse(String.valueOf(result).startsWith("error:"), page + " " + setup + ": " + result);
                    byte[] sealed = Base64.getDecoder().decode((String) result);
                    String what = page + " " + setup + " " + size;
                    assertEquals(setup.startsWith("gzip") ? Compressor.GZIP : setup.startsWith("lz4") ? Compressor.LZ4
                            : Compressor.NONE, sealed[6], what);
                    assertEquals(setup.endsWith("aes") ? Cipher.AES_256_GCM : setup.endsWith("chacha")
                            ? Cipher.CHACHA20_POLY1305 : Cipher.NONE, sealed[7], what);
                    Envelope.Opened opened = Envelope.create().open(storeKey, sealed, JVM).peek();
                    assertArrayEquals(CrossCryptoPage.payload(size), opened.payload(), what);
                    // Envelope version 2's checksum covers the storage key: a value moved to
                    // another key is corrupted data, encrypted or not, before any decryption.
                    CorruptedDataException moved = assertThrows(CorruptedDataException.class,
                            () -> Envelope.create().open(storeKey + "-moved", sealed, JVM).peek(), what);
                    assertTrue(moved.getMessage().contains("checksum"), moved.getMessage());
                }
            }
        }
    }
}
