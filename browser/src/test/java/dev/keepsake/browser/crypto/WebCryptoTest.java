package dev.keepsake.browser.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.internal.Pbkdf2;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * AES-256-GCM and PBKDF2 by WebCrypto, and {@code getRandomValues}, in Chromium (JS and
 * wasm-gc): the JDK's bytes reproduced and opened, tampering and wrong keys detected, the RFC
 * 7914 PBKDF2 vectors, agreement with core's PBKDF2, and a missing WebCrypto reported at
 * configuration.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class WebCryptoTest {

    /**
     * {@code AES/GCM/NoPadding} (JDK 17) with key {@link #key()}, nonce a0..ab, associated data
     * {@link #AAD} and plaintext {@link #PLAINTEXT}: nonce ‖ ciphertext ‖ tag.
     */
    static final String JVM_AES_GCM = "a0a1a2a3a4a5a6a7a8a9aaab103ab4bd95b12d8051ea7637a9b1f97de0fd9c57ef7373fe1c32e0"
            + "8b21ec7cb652610b01825fee1e5c044bffe30d503430968a664b24a0c246b1db8026";
    static final String AAD = "KEEP header and key";
    static final String PLAINTEXT = "AES-256-GCM sealed by javax.crypto on the JVM";

    @Test
    public void aesGcmReproducesTheJdkBytesForTheSameNonce() {
        byte[] nonce = Arrays.copyOfRange(hex(JVM_AES_GCM), 0, 12);
        Cipher cipher = BrowserCrypto.of(Encryption.aes256Gcm(EncryptionKey.of(key())), new FixedRandom(nonce));
        assertEquals(Cipher.AES_256_GCM, cipher.id());
        assertEquals("aes-256-gcm", cipher.name());
        assertEquals(28, cipher.overheadBytes());
        byte[] sealed = Blocking.await(cipher.encrypt(utf8(PLAINTEXT), utf8(AAD)));
        assertEquals(JVM_AES_GCM, toHex(sealed));
    }

    @Test
    public void aesGcmOpensWhatTheJdkSealed() {
        Cipher cipher = BrowserCrypto.aes256Gcm(EncryptionKey.of(key()));
        assertArrayEquals(utf8(PLAINTEXT), Blocking.await(cipher.decrypt(hex(JVM_AES_GCM), utf8(AAD))));
    }

    @Test
    public void aesGcmRoundTripsWithFreshNonces() {
        Cipher cipher = BrowserCrypto.aes256Gcm(EncryptionKey.of(key()));
        for (int length : new int[] {0, 1, 15, 16, 17, 1000, 70_000}) {
            byte[] plaintext = new byte[length];
            for (int i = 0; i < length; i++) {
                plaintext[i] = (byte) (i * 31);
            }
            byte[] first = Blocking.await(cipher.encrypt(plaintext, utf8(AAD)));
            byte[] second = Blocking.await(cipher.encrypt(plaintext, utf8(AAD)));
            assertEquals(length + 28, first.length);
            assertFalse("a fresh nonce per message",
                    Arrays.equals(Arrays.copyOf(first, 12), Arrays.copyOf(second, 12)));
            assertArrayEquals(plaintext, Blocking.await(cipher.decrypt(first, utf8(AAD))));
            assertArrayEquals(plaintext, Blocking.await(cipher.decrypt(second, utf8(AAD))));
        }
    }

    @Test
    public void aesGcmDetectsTamperingWrongKeysAndOtherAssociatedData() {
        Cipher cipher = BrowserCrypto.aes256Gcm(EncryptionKey.of(key()));
        byte[] sealed = hex(JVM_AES_GCM);
        for (int i = 0; i < sealed.length; i += 7) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x10;
            assertEquals("OperationError", rejected(cipher.decrypt(tampered, utf8(AAD))).domName());
        }
        rejected(cipher.decrypt(sealed, utf8("KEEP header and kex")));
        rejected(cipher.decrypt(sealed, new byte[0]));
        byte[] otherKey = key();
        otherKey[31] ^= 1;
        rejected(BrowserCrypto.aes256Gcm(EncryptionKey.of(otherKey)).decrypt(sealed, utf8(AAD)));
        rejected(cipher.decrypt(Arrays.copyOf(sealed, sealed.length - 1), utf8(AAD)));
        rejected(cipher.decrypt(Arrays.copyOf(sealed, 27), utf8(AAD)));
    }

    @Test
    public void aesGcmNeedsAKeyAndKeepsItsOwnCopy() {
        assertThrows(NullPointerException.class, () -> BrowserCrypto.aes256Gcm(null));
        assertThrows(NullPointerException.class, () -> BrowserCrypto.of(null));
        byte[] key = key();
        Cipher cipher = BrowserCrypto.aes256Gcm(EncryptionKey.of(key));
        Arrays.fill(key, (byte) 0);
        assertArrayEquals(utf8(PLAINTEXT), Blocking.await(cipher.decrypt(hex(JVM_AES_GCM), utf8(AAD))));
    }

    @Test
    public void missingWebCryptoIsReportedAtConfigurationNotAtWriteTime() {
        assertTrue("the test page is a secure context", BrowserCrypto.isWebCryptoAvailable());
        Encryption aes = Encryption.aes256Gcm(EncryptionKey.of(key()));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> BrowserCrypto.of(aes, BrowserCrypto.random(), null));
        assertTrue(e.getMessage(), e.getMessage().contains("secure context"));
        assertEquals("BACKEND_UNAVAILABLE", e.code());
        // ChaCha20-Poly1305 is pure Java: it works without WebCrypto.
        Cipher chacha = BrowserCrypto.of(Encryption.chacha20Poly1305(EncryptionKey.of(key())), BrowserCrypto.random(),
                null);
        byte[] sealed = Blocking.await(chacha.encrypt(utf8(PLAINTEXT), utf8(AAD)));
        assertArrayEquals(utf8(PLAINTEXT), Blocking.await(chacha.decrypt(sealed, utf8(AAD))));
    }

    @Test
    public void pbkdf2MatchesRfc7914() {
        assertEquals("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc",
                toHex(Blocking.await(BrowserCrypto.pbkdf2(WebCrypto.subtle(), utf8("passwd"), utf8("salt"), 1))));
        assertEquals("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56",
                toHex(Blocking.await(
                        BrowserCrypto.pbkdf2(WebCrypto.subtle(), utf8("Password"), utf8("NaCl"), 80_000))));
    }

    @Test
    public void pbkdf2MatchesTheJdkForNonAsciiPassphrases() {
        String passphrase = "Gr\u00fc\u00dfe, \u9375 \ud83d\udd11";
        byte[] salt = hex("000102030405060708090a0b0c0d0e0f");
        byte[] derived = Blocking.await(
                BrowserCrypto.pbkdf2(WebCrypto.subtle(), EncryptionKey.passphraseBytes(passphrase),
                salt, 1000));
        // PBKDF2WithHmacSHA256 of the JDK 17 for the same passphrase, salt and iterations.
        assertEquals("1604ef5e758a668c78eea7de677c336729883b3415c53d1564f5b297add08aa7", toHex(derived));
        assertArrayEquals(Pbkdf2.hmacSha256(utf8(passphrase), salt, 1000, 32), derived);
    }

    @Test
    public void deriveKeyGivesCoresKeyAndNeedsWebCrypto() {
        // A lone surrogate too: every platform encodes it as U+FFFD, like TextEncoder.
        String passphrase = "correct horse \u00e9 \ud800 battery";
        byte[] salt = hex("f0e1d2c3b4a5968778695a4b3c2d1e0f");
        byte[] expected = EncryptionKey.fromPassphrase(passphrase, salt, EncryptionKey.MIN_ITERATIONS).bytes();
        EncryptionKey derived = Blocking.await(BrowserCrypto.deriveKey(passphrase, salt, EncryptionKey.MIN_ITERATIONS));
        assertArrayEquals(expected, derived.bytes());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> BrowserCrypto.deriveKey(passphrase, salt, EncryptionKey.MIN_ITERATIONS, null));
        assertTrue(e.getMessage(), e.getMessage().contains("EncryptionKey.fromPassphrase"));
    }

    @Test
    public void deriveKeyRejectsWhatCoreRejectsAtOnce() {
        byte[] salt = new byte[EncryptionKey.MIN_SALT_BYTES];
        assertThrows(IllegalArgumentException.class,
                () -> BrowserCrypto.deriveKey("pw", salt, EncryptionKey.MIN_ITERATIONS - 1));
        assertThrows(IllegalArgumentException.class,
                () -> BrowserCrypto.deriveKey("pw", new byte[EncryptionKey.MIN_SALT_BYTES - 1],
                        EncryptionKey.MIN_ITERATIONS));
        assertThrows(IllegalArgumentException.class,
                () -> BrowserCrypto.deriveKey("", salt, EncryptionKey.MIN_ITERATIONS));
        assertThrows(NullPointerException.class,
                () -> BrowserCrypto.deriveKey(null, salt, EncryptionKey.MIN_ITERATIONS));
        assertThrows(NullPointerException.class,
                () -> BrowserCrypto.deriveKey("pw", null, EncryptionKey.MIN_ITERATIONS));
    }

    @Test
    public void randomFillsLargeAndEmptyArrays() {
        RandomSource random = BrowserCrypto.random();
        byte[] large = new byte[200_000];
        random.nextBytes(large);
        int[] counts = new int[256];
        for (byte b : large) {
            counts[b & 0xFF]++;
        }
        for (int count : counts) {
            // Expected 781 per value; 500 is more than ten standard deviations away.
            assertTrue("every byte value appears about equally often: " + count, count > 500 && count < 1100);
        }
        byte[] tail = Arrays.copyOfRange(large, 140_000, 200_000);
        assertFalse("the part past the first 65536-byte chunk is filled too",
                Arrays.equals(new byte[tail.length], tail));
        random.nextBytes(new byte[0]);
    }

    static byte[] key() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return key;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String toHex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    static WebCryptoException rejected(Async<?> async) {
        try {
            Blocking.await(async);
        } catch (WebCryptoException e) {
            return e;
        }
        fail("expected WebCryptoException but the operation succeeded");
        return null;
    }

    /** Returns the same nonce every time: only for reproducing a known vector. */
    static final class FixedRandom implements RandomSource {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] target) {
            System.arraycopy(bytes, 0, target, 0, target.length);
        }
    }
}
