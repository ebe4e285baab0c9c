package dev.keepsake.core.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Published vectors for SHA-256 (FIPS 180-4 examples), HMAC-SHA256 (RFC 4231 section 4) and
 * PBKDF2-HMAC-SHA256 (RFC 7914 section 11), on the JVM, in JavaScript and in WebAssembly, so
 * that keys derived from a password are the same on every platform.
 */
@RunWith(TeaVMTestRunner.class)
public class Sha256VectorsTest {

    @Test
    public void sha256OfTheFipsExamples() {
        assertArrayEquals(hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                Sha256.hash(new byte[0]));
        assertArrayEquals(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Sha256.hash(ascii("abc")));
        assertArrayEquals(hex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
                Sha256.hash(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")));
        assertArrayEquals(hex("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
                Sha256.hash(ascii("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                        + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")));
    }

    @Test
    public void sha256OfAMillionAs() {
        byte[] a = new byte[1_000_000];
        Arrays.fill(a, (byte) 'a');
        assertArrayEquals(hex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"), Sha256.hash(a));
    }

    @Test
    public void sha256OfARangeAndOfPiecesEqualsTheWholeHash() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        for (int length = 0; length <= 200; length += 7) {
            byte[] whole = Sha256.hash(Arrays.copyOfRange(data, 50, 50 + length));
            assertArrayEquals(whole, Sha256.hash(data, 50, length));
            for (int piece = 1; piece <= 65; piece += 8) {
                Sha256 sha = new Sha256();
                for (int i = 0; i < length; i += piece) {
                    sha.update(data, 50 + i, Math.min(piece, length - i));
                }
                byte[] out = new byte[32];
                sha.finish(out, 0);
                assertArrayEquals("length " + length + " piece " + piece, whole, out);
            }
        }
    }

    @Test
    public void hmacSha256OfRfc4231() {
        byte[] key131 = repeat(0xaa, 131);
        assertArrayEquals(hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                HmacSha256.mac(repeat(0x0b, 20), ascii("Hi There")));
        assertArrayEquals(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                HmacSha256.mac(ascii("Jefe"), ascii("what do ya want for nothing?")));
        assertArrayEquals(hex("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                HmacSha256.mac(repeat(0xaa, 20), repeat(0xdd, 50)));
        assertArrayEquals(hex("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                HmacSha256.mac(hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50)));
        // Test case 5 publishes the first 128 bits only.
        assertArrayEquals(hex("a3b6167473100ee06e0c796c2955552b"),
                Arrays.copyOf(HmacSha256.mac(repeat(0x0c, 20), ascii("Test With Truncation")), 16));
        assertArrayEquals(hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                HmacSha256.mac(key131, ascii("Test Using Larger Than Block-Size Key - Hash Key First")));
        assertArrayEquals(hex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
                HmacSha256.mac(key131, ascii("This is a test using a larger than block-size key and a larger "
                        + "than block-size data. The key needs to be hashed before being used by the HMAC "
                        + "algorithm.")));
    }

    @Test
    public void pbkdf2HmacSha256OfRfc7914() {
        assertArrayEquals(hex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
                Pbkdf2.hmacSha256(ascii("passwd"), ascii("salt"), 1, 64));
        assertArrayEquals(hex("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
                Pbkdf2.hmacSha256(ascii("Password"), ascii("NaCl"), 80000, 64));
    }

    @Test
    public void pbkdf2OutputIsAPrefixOfALongerOutput() {
        byte[] longer = Pbkdf2.hmacSha256(ascii("pw"), ascii("salt"), 3, 70);
        for (int length = 1; length < 70; length += 5) {
            assertArrayEquals(Arrays.copyOf(longer, length), Pbkdf2.hmacSha256(ascii("pw"), ascii("salt"), 3, length));
        }
    }

    @Test
    public void pbkdf2RejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2.hmacSha256(ascii("pw"), ascii("s"), 0, 32));
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2.hmacSha256(ascii("pw"), ascii("s"), 1, 0));
        assertThrows(NullPointerException.class, () -> Pbkdf2.hmacSha256(null, ascii("s"), 1, 32));
        assertThrows(NullPointerException.class, () -> Pbkdf2.hmacSha256(ascii("pw"), null, 1, 32));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] repeat(int value, int count) {
        byte[] out = new byte[count];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
