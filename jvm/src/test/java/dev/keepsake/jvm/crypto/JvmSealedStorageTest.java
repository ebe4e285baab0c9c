package dev.keepsake.jvm.crypto;

import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.crypto.SealedStorageContract;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.jvm.compress.JvmCompressors;
import org.junit.experimental.runners.Enclosed;
import org.junit.runner.RunWith;

/**
 * Every JVM compressor and cipher, alone and combined, through the manager: the shared
 * {@link SealedStorageContract} once per configuration.
 */
@RunWith(Enclosed.class)
public class JvmSealedStorageTest {

    public static class Gzip extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompressors.gzip();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class GzipFastest extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompressors.gzip(1);
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class Lz4Java extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompressors.lz4();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class Zstd extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompressors.zstd();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class ZstdSmallest extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompressors.zstd(22);
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class AesGcm extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return null;
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCiphers.of(Encryption.aes256Gcm(key), random);
        }
    }

    public static class JdkChaCha20Poly1305 extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return null;
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCiphers.of(Encryption.chacha20Poly1305(key), random);
        }
    }

    public static class GzipAesGcm extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompressors.gzip(9);
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCiphers.of(Encryption.aes256Gcm(key), random);
        }
    }

    public static class ZstdChaCha20Poly1305 extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompressors.zstd(3);
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCiphers.of(Encryption.chacha20Poly1305(key), random);
        }
    }

    public static class Lz4JavaAesGcm extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompressors.lz4();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCiphers.of(Encryption.aes256Gcm(key), random);
        }
    }
}
