package dev.keepsake.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * JVM properties: the pure-Java ChaCha20-Poly1305 gives byte-for-byte the JDK's results, so data
 * sealed in a browser opens with the JVM's own provider and the other way round.
 */
class CryptoJdkPropertiesTest {

    /** Lengths uniform in 0..4096: jqwik's default keeps nearly all arrays under 100 bytes. */
    @Provide
    Arbitrary<byte[]> upTo4KiB() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 300)
    void sealEqualsTheJdkAndEachOpensTheOther(
            @ForAll @Size(32) byte[] key,
            @ForAll @Size(12) byte[] nonce,
            @ForAll("upTo4KiB") byte[] plaintext,
            @ForAll @Size(max = 300) byte[] aad) throws Exception {
        byte[] ours = ChaCha20Poly1305.seal(key, nonce, plaintext, aad);
        byte[] jdk = jdkChaCha(Cipher.ENCRYPT_MODE, key, nonce, aad, plaintext);
        assertArrayEquals(jdk, ours);
        assertArrayEquals(plaintext, jdkChaCha(Cipher.DECRYPT_MODE, key, nonce, aad, ours));
        assertArrayEquals(plaintext, ChaCha20Poly1305.open(key, nonce, jdk, aad));
    }

    @Property(tries = 200)
    void aWrongKeyNonceOrAadFails(
            @ForAll @Size(32) byte[] key,
            @ForAll @Size(12) byte[] nonce,
            @ForAll @Size(max = 512) byte[] plaintext,
            @ForAll @Size(max = 64) byte[] aad,
            @ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @IntRange(min = 0, max = 31) int index,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] sealed = ChaCha20Poly1305.seal(key, nonce, plaintext, aad);
        byte[] k = key.clone();
        byte[] n = nonce.clone();
        byte[] a = aad;
        if (which == 0) {
            k[index] ^= (byte) flip;
        } else if (which == 1) {
            n[index % 12] ^= (byte) flip;
        } else {
            a = new byte[aad.length + 1];
            System.arraycopy(aad, 0, a, 0, aad.length);
        }
        byte[] finalK = k;
        byte[] finalN = n;
        byte[] finalA = a;
        assertThrows(AuthenticationFailedException.class, () -> ChaCha20Poly1305.open(finalK, finalN, sealed, finalA));
    }

    /**
     * The 13-bit-limb arithmetic must not overflow even at its bounds, which random bytes rarely
     * reach: half the keys and messages here are all 0xff (the largest clamped r, s and limbs).
     */
    @Property(tries = 500)
    void poly1305EqualsABigIntegerReference(
            @ForAll @Size(32) byte[] randomKey,
            @ForAll boolean maximalKey,
            @ForAll @Size(max = 300) byte[] randomMessage,
            @ForAll boolean maximalMessage) {
        byte[] key = randomKey.clone();
        byte[] message = randomMessage.clone();
        if (maximalKey) {
            java.util.Arrays.fill(key, (byte) 0xff);
        }
        if (maximalMessage) {
            java.util.Arrays.fill(message, (byte) 0xff);
        }
        assertArrayEquals(referencePoly1305(key, message), Poly1305.mac(key, message));
    }

    /** Poly1305 straight from RFC 8439 section 2.5.1, on BigIntegers. */
    private static byte[] referencePoly1305(byte[] key, byte[] message) {
        BigInteger p = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
        BigInteger r = littleEndian(key, 0, 16).and(new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16));
        BigInteger s = littleEndian(key, 16, 16);
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < message.length; i += 16) {
            int n = Math.min(16, message.length - i);
            BigInteger block = littleEndian(message, i, n).setBit(8 * n);
            acc = acc.add(block).multiply(r).mod(p);
        }
        BigInteger tag = acc.add(s);
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = tag.shiftRight(8 * i).byteValue();
        }
        return out;
    }

    private static BigInteger littleEndian(byte[] b, int off, int len) {
        byte[] be = new byte[len + 1];
        for (int i = 0; i < len; i++) {
            be[len - i] = b[off + i];
        }
        return new BigInteger(be);
    }

    private static byte[] jdkChaCha(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws Exception {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }
}
