package dev.keepsake.jvm.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.crypto.Ciphers;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.crypto.TestRandom;
import dev.keepsake.core.format.Cipher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDK's ciphers agree with core's and with WebCrypto's layout; keys derive identically. */
class JvmCryptoTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] NONCE = HexFormat.of().parseHex("0102030405060708090a0b0c");

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) (0x80 + i);
        }
    }

    private static byte[] value(Async<byte[]> async) {
        return async.peek();
    }

    private static byte[] data(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 63, 64, 65, 1000, 70_000})
    void jdkAndCoreChaCha20Poly1305WriteTheSameBytesAndOpenEachOther(int length) {
        byte[] plaintext = data(length, length);
        byte[] aad = data(length % 37, length + 1);
        Cipher jdk = JvmCrypto.of(Encryption.chacha20Poly1305(EncryptionKey.of(KEY)), TestRandom.fixed(NONCE));
        Cipher core = Ciphers.chacha20Poly1305(EncryptionKey.of(KEY), TestRandom.fixed(NONCE));
        byte[] byJdk = value(jdk.encrypt(plaintext, aad));
        byte[] byCore = value(core.encrypt(plaintext, aad));
        assertArrayEquals(byJdk, byCore);
        assertArrayEquals(NONCE, Arrays.copyOf(byJdk, 12));
        assertEquals(length + 28, byJdk.length);
        assertArrayEquals(plaintext, value(core.decrypt(byJdk, aad)));
        assertArrayEquals(plaintext, value(jdk.decrypt(byCore, aad)));
    }

    @Test
    void aesGcmBodyIsTheNonceThenWebCryptosCiphertextAndTag() throws Exception {
        byte[] plaintext = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] aad = "header+key".getBytes(StandardCharsets.UTF_8);
        byte[] body = value(JvmCrypto.of(Encryption.aes256Gcm(EncryptionKey.of(KEY)), TestRandom.fixed(NONCE))
                .encrypt(plaintext, aad));
        // WebCrypto's AES-GCM encrypt (tagLength 128) returns ciphertext || tag, as this does.
        javax.crypto.Cipher reference = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        reference.init(javax.crypto.Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"),
                new GCMParameterSpec(128, NONCE));
        reference.updateAAD(aad);
        byte[] expected = reference.doFinal(plaintext);
        assertArrayEquals(NONCE, Arrays.copyOf(body, 12));
        assertArrayEquals(expected, Arrays.copyOfRange(body, 12, body.length));
        assertEquals(plaintext.length + 28, body.length);
    }

    @Test
    void aesGcmKnownAnswerForAnAllZeroKeyAndNonce() {
        // NIST GCM test case 13 (256-bit zero key, zero IV, empty plaintext): tag 530f8afbc74536b9a963b4f1c4cb738b
        Cipher aes = JvmCrypto.of(Encryption.aes256Gcm(EncryptionKey.of(new byte[32])), TestRandom.fixed(new byte[12]));
        byte[] body = value(aes.encrypt(new byte[0], new byte[0]));
        assertEquals("000000000000000000000000530f8afbc74536b9a963b4f1c4cb738b", HexFormat.of().formatHex(body));
    }

    @Test
    void decryptionFailsForTamperingTruncationWrongKeyAndWrongAssociatedData() {
        for (Encryption.Algorithm algorithm : Encryption.Algorithm.values()) {
            Cipher cipher = cipher(algorithm, KEY);
            byte[] aad = {1, 2, 3};
            byte[] body = value(cipher.encrypt(data(100, 5), aad));
            for (int i = 0; i < body.length; i++) {
                byte[] bad = body.clone();
                bad[i] ^= 0x20;
                assertTrue(cipher.decrypt(bad, aad).isFailed(), algorithm + " byte " + i);
            }
            for (int n = 0; n < body.length; n++) {
                assertTrue(cipher.decrypt(Arrays.copyOf(body, n), aad).isFailed(), algorithm + " truncated " + n);
            }
            byte[] otherKey = KEY.clone();
            otherKey[31] ^= 1;
            assertTrue(cipher(algorithm, otherKey).decrypt(body, aad).isFailed(), algorithm + " other key");
            assertTrue(cipher.decrypt(body, new byte[] {1, 2, 4}).isFailed(), algorithm + " other aad");
        }
    }

    private static Cipher cipher(Encryption.Algorithm algorithm, byte[] key) {
        EncryptionKey k = EncryptionKey.of(key);
        return JvmCrypto.of(algorithm == Encryption.Algorithm.AES_256_GCM ? Encryption.aes256Gcm(k)
                : Encryption.chacha20Poly1305(k));
    }

    @Test
    void randomGivesFreshNonces() {
        Cipher aes = JvmCrypto.aes256Gcm(EncryptionKey.of(KEY));
        byte[] a = value(aes.encrypt(new byte[10], new byte[0]));
        byte[] b = value(aes.encrypt(new byte[10], new byte[0]));
        assertNotEquals(HexFormat.of().formatHex(a, 0, 12), HexFormat.of().formatHex(b, 0, 12));
        RandomSource random = JvmCrypto.random();
        byte[] salt1 = EncryptionKey.newSalt(random);
        byte[] salt2 = EncryptionKey.newSalt(random);
        assertEquals(16, salt1.length);
        assertFalse(Arrays.equals(salt1, salt2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "p\u00e4ssw\u00f6rd \u2713 \uD83D\uDD11", "x"})
    void theJdksPbkdf2AndCoresDeriveTheSameKey(String passphrase) {
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f10");
        EncryptionKey jdk = JvmCrypto.deriveKey(passphrase, salt, EncryptionKey.MIN_ITERATIONS);
        EncryptionKey core = EncryptionKey.fromPassphrase(passphrase, salt, EncryptionKey.MIN_ITERATIONS);
        assertArrayEquals(jdk.bytes(), core.bytes());
        assertFalse(Arrays.equals(jdk.bytes(), JvmCrypto.deriveKey(passphrase + " ", salt,
                EncryptionKey.MIN_ITERATIONS).bytes()));
    }

    @Test
    void aLoneSurrogateIsEncodedAsTheBrowserDoes() {
        byte[] salt = new byte[16];
        String passphrase = "lone \uD800 surrogate";
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD},
                Arrays.copyOfRange(EncryptionKey.passphraseBytes(passphrase), 5, 8));
        assertArrayEquals(EncryptionKey.fromPassphrase(passphrase, salt, EncryptionKey.MIN_ITERATIONS).bytes(),
                JvmCrypto.deriveKey(passphrase, salt, EncryptionKey.MIN_ITERATIONS).bytes());
    }

    @Test
    void derivationRejectsWeakParametersWithAMessage() {
        byte[] salt = new byte[16];
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JvmCrypto.deriveKey("pw", salt, 99_999)).getMessage().contains("at least 100000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JvmCrypto.deriveKey("pw", new byte[15], 100_000)).getMessage().contains("salt"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JvmCrypto.deriveKey("", salt, 100_000)).getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EncryptionKey.fromPassphrase("pw", salt, 1)).getMessage().contains("at least 100000"));
        assertEquals(600_000, EncryptionKey.DEFAULT_ITERATIONS);
    }

    @Test
    void keysAndCiphersNeverPrintKeyMaterial() {
        String keyHex = HexFormat.of().formatHex(KEY);
        for (Object o : new Object[] {EncryptionKey.of(KEY), Encryption.aes256Gcm(EncryptionKey.of(KEY)),
                JvmCrypto.aes256Gcm(EncryptionKey.of(KEY)), JvmCrypto.chacha20Poly1305(EncryptionKey.of(KEY)),
                Ciphers.chacha20Poly1305(EncryptionKey.of(KEY), JvmCrypto.random())}) {
            String s = o.toString();
            assertTrue(s.contains("redacted"), s);
            assertFalse(s.toLowerCase().contains(keyHex.substring(0, 8)), s);
            assertFalse(s.contains(Arrays.toString(KEY).substring(0, 12)), s);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncryptionKey.of(new byte[31]));
        assertEquals("an encryption key must be 32 bytes (256 bits), was 31 bytes", e.getMessage());
    }

    @Test
    void coreRejectsAesGcmAtConfigurationTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ciphers.of(Encryption.aes256Gcm(EncryptionKey.of(KEY)), JvmCrypto.random()));
        assertTrue(e.getMessage().startsWith("aes-256-gcm is not available"), e.getMessage());
        assertEquals(Cipher.CHACHA20_POLY1305,
                Ciphers.of(Encryption.chacha20Poly1305(EncryptionKey.of(KEY)), JvmCrypto.random()).id());
    }
}
