package dev.keepsake.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * JVM properties: the pure-Java hashes give byte-for-byte the JDK's results, so keys derived
 * from a passphrase in a browser match the JVM's own providers.
 */
class HashJdkPropertiesTest {

    /** Lengths uniform in 0..4096: jqwik's default keeps nearly all arrays under 100 bytes. */
    @Provide
    Arbitrary<byte[]> upTo4KiB() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 300)
    void sha256EqualsMessageDigest(@ForAll("upTo4KiB") byte[] data) throws Exception {
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), Sha256.hash(data));
    }

    /** Past 2^29 bytes the bit length no longer fits the low word: the padding must carry it. */
    @Test
    void sha256OfMoreThan512MiBEqualsMessageDigest() throws Exception {
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 13 + (i >>> 11));
        }
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        Sha256 ours = new Sha256();
        for (int i = 0; i < 520; i++) {
            jdk.update(chunk, 0, chunk.length - (i == 519 ? 7 : 0));
            ours.update(chunk, 0, chunk.length - (i == 519 ? 7 : 0));
        }
        byte[] digest = new byte[32];
        ours.finish(digest, 0);
        assertArrayEquals(jdk.digest(), digest);
    }

    @Property(tries = 300)
    void hmacEqualsTheJdkMac(@ForAll @Size(min = 1, max = 200) byte[] key, @ForAll("upTo4KiB") byte[] data)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        assertArrayEquals(mac.doFinal(data), HmacSha256.mac(key, data));
    }

    @Property(tries = 60)
    void pbkdf2EqualsTheJdkSecretKeyFactory(
            @ForAll @StringLength(min = 1, max = 80) @CharRange(from = ' ', to = '\u07ff') String password,
            @ForAll @Size(min = 1, max = 100) byte[] salt,
            @ForAll @IntRange(min = 1, max = 2000) int iterations,
            @ForAll @IntRange(min = 1, max = 100) int length) throws Exception {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        assertArrayEquals(jdk, Pbkdf2.hmacSha256(password.getBytes(StandardCharsets.UTF_8), salt, iterations, length));
    }
}
