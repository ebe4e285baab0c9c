package dev.keepsake.jvm.crypto;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.crypto.SealedStorageContract;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.jvm.JvmAsync;
import dev.keepsake.jvm.compress.JvmCompression;
import dev.keepsake.jvm.fs.FileSystemBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.experimental.runners.Enclosed;
import org.junit.runner.RunWith;

/**
 * Every JVM compressor and cipher, alone and combined, through the manager: the shared
 * {@link SealedStorageContract} once per configuration, over the memory backend, and two
 * combinations over the real file-system backend.
 */
@RunWith(Enclosed.class)
public class JvmSealedStorageTest {

    public static class Gzip extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompression.gzip();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class GzipFastest extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompression.gzip(1);
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class Lz4Java extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompression.lz4();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class Zstd extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompression.zstd();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return null;
        }
    }

    public static class ZstdSmallest extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompression.zstd(22);
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
            return JvmCrypto.of(Encryption.aes256Gcm(key), random);
        }
    }

    public static class JdkChaCha20Poly1305 extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return null;
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCrypto.of(Encryption.chacha20Poly1305(key), random);
        }
    }

    public static class GzipAesGcm extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompression.gzip(9);
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCrypto.of(Encryption.aes256Gcm(key), random);
        }
    }

    public static class ZstdChaCha20Poly1305 extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompression.zstd(3);
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCrypto.of(Encryption.chacha20Poly1305(key), random);
        }
    }

    public static class Lz4JavaAesGcm extends SealedStorageContract {
        @Override
        protected Compressor compressor() {
            return JvmCompression.lz4();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCrypto.of(Encryption.aes256Gcm(key), random);
        }
    }

    /** The contract over a {@link FileSystemBackend} in a fresh temporary directory. */
    public abstract static class OnFileSystem extends SealedStorageContract {
        private Path dir;

        @Override
        protected StorageBackend newBackend() throws IOException {
            dir = Files.createTempDirectory("keepsake-sealed");
            return FileSystemBackend.open(dir);
        }

        @Override
        protected void dispose(StorageBackend backend) throws IOException {
            ((FileSystemBackend) backend).close();
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
            }
        }

        @Override
        protected <T> T await(Async<T> async) {
            try {
                return JvmAsync.toFuture(async).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static class FileSystemGzipAesGcm extends OnFileSystem {
        @Override
        protected Compressor compressor() {
            return JvmCompression.gzip();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCrypto.of(Encryption.aes256Gcm(key), random);
        }
    }

    public static class FileSystemLz4ChaCha20Poly1305 extends OnFileSystem {
        @Override
        protected Compressor compressor() {
            return JvmCompression.lz4();
        }

        @Override
        protected Cipher cipher(EncryptionKey key, RandomSource random) {
            return JvmCrypto.of(Encryption.chacha20Poly1305(key), random);
        }
    }
}
