package dev.keepsake.core.crypto;

import static dev.keepsake.core.crypto.Rfc8439VectorsTest.hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;

import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Poly1305 at the bounds of its 13-bit-limb arithmetic, on every platform: the largest clamped r
 * and s with messages of all-ones bytes drive every column sum to its maximum, where an overflow
 * in JavaScript's or WebAssembly's int arithmetic would show. Expected tags come from
 * pyca/cryptography (OpenSSL).
 */
@RunWith(TeaVMTestRunner.class)
public class Poly1305Test {

    @Test
    public void maximalKeyAndMessages() {
        byte[] key = filled(32, 0xff);
        assertArrayEquals(hex("fbffff17faffff17faffff17faffff17"), Poly1305.mac(key, filled(16, 0xff)));
        assertArrayEquals(hex("86f26a4383faec24a274504dc37495bc"), Poly1305.mac(key, filled(37, 0xff)));
        assertArrayEquals(hex("900fe32bc15fa8d7bca8efe4c7e37eb1"), Poly1305.mac(key, filled(64, 0xff)));
        assertArrayEquals(hex("de9406b10e7023bcd692ff687f4cbc7f"), Poly1305.mac(key, filled(1000, 0xff)));
    }

    @Test
    public void maximalRWithZeroS() {
        byte[] key = Arrays.copyOf(filled(16, 0xff), 32);
        assertArrayEquals(hex("df9406b10e7023bcd692ff687f4cbc7f"), Poly1305.mac(key, filled(1000, 0xff)));
    }

    @Test
    public void aFinishedInstanceCannotBeReused() {
        Poly1305 mac = new Poly1305(filled(32, 7), 0);
        mac.update(filled(5, 1), 0, 5);
        mac.finish(new byte[16], 0);
        assertThrows(IllegalStateException.class, () -> mac.update(filled(1, 1), 0, 1));
        assertThrows(IllegalStateException.class, () -> mac.finish(new byte[16], 0));
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
