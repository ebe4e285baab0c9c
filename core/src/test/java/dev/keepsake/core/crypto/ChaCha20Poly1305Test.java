package dev.keepsake.core.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.fail;

import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Authentication behaviour of {@link ChaCha20Poly1305} on every platform: any change to the
 * sealed bytes, key, nonce or associated data is rejected without releasing plaintext, and
 * arguments are validated without echoing key material.
 */
@RunWith(TeaVMTestRunner.class)
public class ChaCha20Poly1305Test {

    private static final byte[] KEY = bytes(32, 1);
    private static final byte[] NONCE = bytes(12, 77);
    private static final byte[] AAD = bytes(13, 200);
    private static final byte[] PLAINTEXT = bytes(37, 5);

    @Test
    public void roundTripsEveryLengthAroundTheBlockBoundaries() {
        for (int length = 0; length <= 200; length++) {
            byte[] plaintext = bytes(length, length);
            for (int aadLength : new int[] {0, 1, 15, 16, 17, 64}) {
                byte[] aad = bytes(aadLength, 9);
                byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, plaintext, aad);
                assertEquals(length + ChaCha20Poly1305.TAG_LENGTH, sealed.length);
                assertArrayEquals(plaintext, ChaCha20Poly1305.open(KEY, NONCE, sealed, aad));
            }
        }
    }

    @Test
    public void everySingleByteChangeIsRejected() {
        byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, AAD);
        for (int i = 0; i < sealed.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                byte[] tampered = sealed.clone();
                tampered[i] ^= (byte) flip;
                assertRejected(KEY, NONCE, tampered, AAD);
            }
        }
    }

    @Test
    public void everySingleByteChangeOfTheAssociatedDataIsRejected() {
        byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, AAD);
        for (int i = 0; i < AAD.length; i++) {
            byte[] aad = AAD.clone();
            aad[i] ^= 1;
            assertRejected(KEY, NONCE, sealed, aad);
        }
    }

    @Test
    public void wrongKeyNonceOrAssociatedDataIsRejected() {
        byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, AAD);
        for (int i = 0; i < KEY.length; i++) {
            byte[] key = KEY.clone();
            key[i] ^= 0x10;
            assertRejected(key, NONCE, sealed, AAD);
        }
        for (int i = 0; i < NONCE.length; i++) {
            byte[] nonce = NONCE.clone();
            nonce[i] ^= 0x10;
            assertRejected(KEY, nonce, sealed, AAD);
        }
        assertRejected(KEY, NONCE, sealed, new byte[0]);
        assertRejected(KEY, NONCE, sealed, Arrays.copyOf(AAD, AAD.length + 1));
    }

    @Test
    public void truncatedOrExtendedInputIsRejected() {
        byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, AAD);
        for (int length = 0; length < sealed.length; length++) {
            assertRejected(KEY, NONCE, Arrays.copyOf(sealed, length), AAD);
        }
        assertRejected(KEY, NONCE, Arrays.copyOf(sealed, sealed.length + 1), AAD);
    }

    @Test
    public void rangesSealAndOpenLikeCopies() {
        byte[] buffer = new byte[PLAINTEXT.length + 10];
        System.arraycopy(PLAINTEXT, 0, buffer, 4, PLAINTEXT.length);
        byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, buffer, 4, PLAINTEXT.length, AAD);
        assertArrayEquals(ChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, AAD), sealed);
        byte[] framed = new byte[sealed.length + 7];
        System.arraycopy(sealed, 0, framed, 5, sealed.length);
        assertArrayEquals(PLAINTEXT, ChaCha20Poly1305.open(KEY, NONCE, framed, 5, sealed.length, AAD));
        assertThrows(IndexOutOfBoundsException.class,
                () -> ChaCha20Poly1305.open(KEY, NONCE, framed, 5, framed.length, AAD));
    }

    @Test
    public void inputsAreNotModified() {
        byte[] plaintext = PLAINTEXT.clone();
        byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, plaintext, AAD);
        assertArrayEquals(PLAINTEXT, plaintext);
        byte[] copy = sealed.clone();
        ChaCha20Poly1305.open(KEY, NONCE, sealed, AAD);
        assertArrayEquals(copy, sealed);
    }

    @Test
    public void differentNoncesGiveUnrelatedCiphertexts() {
        byte[] a = ChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, AAD);
        byte[] nonce = NONCE.clone();
        nonce[11] ^= 1;
        byte[] b = ChaCha20Poly1305.seal(KEY, nonce, PLAINTEXT, AAD);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        // Equal bytes happen by chance (1 in 256 each); a shared key stream would make all equal.
        assertFalse("ciphertexts share " + same + " bytes", same > a.length / 4);
    }

    @Test
    public void badArgumentsAreRejectedWithoutEchoingTheKey() {
        byte[] shortKey = bytes(31, 0x41);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChaCha20Poly1305.seal(shortKey, NONCE, PLAINTEXT, AAD));
        assertEquals("key must be 32 bytes, was 31", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ChaCha20Poly1305.open(KEY, new byte[8], new byte[16], AAD));
        assertThrows(NullPointerException.class, () -> ChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, null));
        assertThrows(NullPointerException.class, () -> ChaCha20Poly1305.seal(null, NONCE, PLAINTEXT, AAD));
        byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, AAD);
        sealed[0] ^= 1;
        try {
            ChaCha20Poly1305.open(KEY, NONCE, sealed, AAD);
            fail("tampered input opened");
        } catch (AuthenticationFailedException expected) {
            assertEquals("authentication tag mismatch", expected.getMessage());
            assertEquals(null, expected.getCause());
        }
    }

    private static void assertRejected(byte[] key, byte[] nonce, byte[] sealed, byte[] aad) {
        try {
            byte[] opened = ChaCha20Poly1305.open(key, nonce, sealed, aad);
            fail("opened " + opened.length + " bytes of tampered input");
        } catch (AuthenticationFailedException expected) {
            // rejected, and no plaintext escaped
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        int x = seed * 2654435 + 1;
        for (int i = 0; i < length; i++) {
            x = x * 1103515245 + 12345;
            out[i] = (byte) (x >>> 16);
        }
        return out;
    }
}
