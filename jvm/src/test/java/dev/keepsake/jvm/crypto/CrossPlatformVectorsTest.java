package dev.keepsake.jvm.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.crypto.CrossPlatformVectors;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.TestRandom;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import dev.keepsake.jvm.compress.JvmCompression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cross-platform vectors are what the JVM writes: ciphers and LZ4/zstd reproduce them byte
 * for byte, gzip (whose bytes depend on the zlib build) opens them. With
 * {@code -Dkeepsake.vectors.write=true} it rewrites core's vector files and prints the hex
 * for {@link CrossPlatformVectors}.
 */
class CrossPlatformVectorsTest {

    private static final boolean WRITE = Boolean.getBoolean("keepsake.vectors.write");
    private static final HexFormat HEX = HexFormat.of();
    private static EncryptionKey derived;

    private static synchronized EncryptionKey derivedKey() {
        if (derived == null) {
            derived = JvmCrypto.deriveKey(CrossPlatformVectors.PASSPHRASE, CrossPlatformVectors.SALT,
                    CrossPlatformVectors.ITERATIONS);
        }
        return derived;
    }

    private static Compressor compressor(CrossPlatformVectors v) {
        return v.compression == null ? null : JvmCompression.of(v.compression);
    }

    private static Cipher cipher(CrossPlatformVectors v) {
        if (v.encryption == null) {
            return null;
        }
        EncryptionKey key = EncryptionKey.of(v.keyBytes(derivedKey().bytes()));
        Encryption encryption = v.encryption == Encryption.Algorithm.AES_256_GCM
                ? Encryption.aes256Gcm(key) : Encryption.chacha20Poly1305(key);
        return JvmCrypto.of(encryption, TestRandom.fixed(CrossPlatformVectors.NONCE));
    }

    private static <T> T value(Async<T> async) {
        return async.peek();
    }

    @Test
    void theJdkDerivesTheDocumentedKey() {
        String hex = HEX.formatHex(derivedKey().bytes());
        if (WRITE) {
            System.out.println("DERIVED_KEY_HEX = \"" + hex + "\"");
            return;
        }
        assertEquals(CrossPlatformVectors.DERIVED_KEY_HEX, hex);
    }

    @ParameterizedTest
    @EnumSource(CrossPlatformVectors.class)
    void theJvmWritesAndReadsEveryVector(CrossPlatformVectors v) throws IOException {
        byte[] sealed = value(Envelope.create().seal(CrossPlatformVectors.STORAGE_KEY, CrossPlatformVectors.FORMAT_ID,
                CrossPlatformVectors.payload(), compressor(v), cipher(v)));
        if (WRITE) {
            Path dir = Path.of(System.getProperty("user.dir")).resolveSibling("core")
                    .resolve("src/test/resources/crossplatform");
            Files.createDirectories(dir);
            Files.write(dir.resolve(v.file), sealed);
            System.out.println(v.name() + " = \"" + HEX.formatHex(sealed) + "\"");
            return;
        }
        Algorithms.Builder algorithms = Algorithms.builder();
        if (v.compression != null) {
            algorithms.compressor(compressor(v));
        }
        if (v.encryption != null) {
            algorithms.cipher(cipher(v));
        }
        Envelope.Opened opened = value(Envelope.create().open(CrossPlatformVectors.STORAGE_KEY, v.bytes(),
                algorithms.build()));
        assertArrayEquals(CrossPlatformVectors.payload(), opened.payload());
        assertEquals(v.compression == null ? 0 : v.compression.algorithm().id(), opened.compressionId());
        assertEquals(v.encryption == null ? 0 : v.encryption.id(), opened.cipherId());
        try (InputStream file = getClass().getResourceAsStream("/crossplatform/" + v.file)) {
            assertNotNull(file, "resource crossplatform/" + v.file);
            assertArrayEquals(v.bytes(), file.readAllBytes(), v.file + " differs from the embedded hex");
        }
        if (v.compression == null
                || v.compression.algorithm() != dev.keepsake.core.compress.Compression.Algorithm.GZIP) {
            assertEquals(v.hex(), HEX.formatHex(sealed), v.name() + ": the JVM no longer writes this vector");
        }
    }
}
