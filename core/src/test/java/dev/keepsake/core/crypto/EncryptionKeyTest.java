package dev.keepsake.core.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Cipher;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** Keys, encryption choices and core's cipher body, on JVM, JS and wasm-gc. */
@RunWith(TeaVMTestRunner.class)
public class EncryptionKeyTest {

    private static final byte[] KEY = SealedStorageContract.sequence(0x20, 32);

    @Test
    public void rawKeysAreCopiedAndNeverPrinted() {
        byte[] raw = KEY.clone();
        EncryptionKey key = EncryptionKey.of(raw);
        raw[0] = 0;
        assertArrayEquals(KEY, key.bytes());
        assertNotSame(key.bytes(), key.bytes());
        assertEquals("EncryptionKey[256 bits, redacted]", key.toString());
        assertEquals("Encryption[aes-256-gcm, key redacted]", Encryption.aes256Gcm(key).toString());
        assertEquals("Encryption[chacha20-poly1305, key redacted]", Encryption.chacha20Poly1305(key).toString());
        assertEquals("an encryption key must be 32 bytes (256 bits), was 16 bytes",
                assertThrows(IllegalArgumentException.class, () -> EncryptionKey.of(new byte[16])).getMessage());
    }

    @Test
    public void passphraseRulesHaveDocumentedFloors() {
        byte[] salt = new byte[16];
        assertEquals(600_000, EncryptionKey.DEFAULT_ITERATIONS);
        assertEquals("PBKDF2 iterations must be at least 100000, was 99999",
                assertThrows(IllegalArgumentException.class,
                () -> EncryptionKey.fromPassphrase("secret", salt, 99_999)).getMessage());
        assertEquals("salt must be at least 16 bytes, was 8", assertThrows(IllegalArgumentException.class,
                () -> EncryptionKey.fromPassphrase("secret", new byte[8], 100_000)).getMessage());
        assertEquals("passphrase must not be empty", assertThrows(IllegalArgumentException.class,
                () -> EncryptionKey.fromPassphrase("", salt, 100_000)).getMessage());
    }

    @Test
    public void passphrasesAreUtf8LikeTextEncoder() {
        assertEquals("61c3a4e282acf09f9491efbfbd", SealedStorageContract.hex(
                EncryptionKey.passphraseBytes("a\u00e4\u20ac\uD83D\uDD11\uDC00")));
        assertEquals(16, EncryptionKey.newSalt(TestRandom.stream(9)).length);
    }

    @Test
    public void theCipherBodyIsNonceCiphertextTag() {
        byte[] nonce = SealedStorageContract.sequence(0x70, 12);
        Cipher cipher = Ciphers.chacha20Poly1305(EncryptionKey.of(KEY), TestRandom.fixed(nonce));
        byte[] plaintext = {1, 2, 3, 4, 5};
        byte[] aad = {9, 9};
        Async<byte[]> sealed = cipher.encrypt(plaintext, aad);
        byte[] body = sealed.peek();
        assertEquals(28, cipher.overheadBytes());
        assertEquals(5 + 28, body.length);
        assertArrayEquals(nonce, Arrays.copyOf(body, 12));
        assertArrayEquals(ChaCha20Poly1305.seal(KEY, nonce, plaintext, aad), Arrays.copyOfRange(body, 12, body.length));
        assertArrayEquals(plaintext, cipher.decrypt(body, aad).peek());
        assertTrue(cipher.decrypt(Arrays.copyOf(body, 27), aad).failure() instanceof AuthenticationFailedException);
        assertTrue(cipher.decrypt(body, new byte[] {9}).failure() instanceof AuthenticationFailedException);
        assertFalse(cipher.toString().contains("20212223"));
    }

    @Test
    public void coreOffersOnlyChaCha20Poly1305() {
        assertEquals(Cipher.CHACHA20_POLY1305,
                Ciphers.of(Encryption.chacha20Poly1305(EncryptionKey.of(KEY)), TestRandom.stream(1)).id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ciphers.of(Encryption.aes256Gcm(EncryptionKey.of(KEY)), TestRandom.stream(1)));
        assertTrue(e.getMessage(),
                e.getMessage().startsWith("aes-256-gcm is not available in core's portable ciphers"));
    }
}
