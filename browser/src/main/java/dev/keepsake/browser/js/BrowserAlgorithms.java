package dev.keepsake.browser.js;

import dev.keepsake.browser.compress.BrowserCompression;
import dev.keepsake.browser.crypto.BrowserCrypto;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.internal.Sha256;
import dev.keepsake.core.manager.PersistenceConfig;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;

/**
 * The algorithms of {@code keepsake.js}: maps the {@code compression} and {@code encryption}
 * options to the browser's algorithms ({@link BrowserCompression}, {@link BrowserCrypto}).
 *
 * <p>{@code encryption} is {@code {key: Uint8Array(32)}} or {@code {passphrase, salt?,
 * iterations?}}, with an optional {@code algorithm} ({@code 'aes-256-gcm'}, the default, or
 * {@code 'chacha20-poly1305'}) and an optional {@code readUnencrypted} (default false: a value
 * stored unencrypted is refused as corrupted; true reads it, for migrating). A passphrase is stretched by
 * PBKDF2-HMAC-SHA256; without a
 * {@code salt} the salt is derived from the storage name, so the same passphrase opens the same
 * data in every tab and after a restart (give a random salt kept elsewhere for stronger
 * protection against precomputed guesses), or {@code salt: "stored"}: 16 random bytes kept in
 * the backend itself ({@link #storedSalt}), made by the first page that opens it.
 */
final class BrowserAlgorithms implements JsAlgorithms {

    static final BrowserAlgorithms INSTANCE = new BrowserAlgorithms();

    private BrowserAlgorithms() {
    }

    @Override
    public void configure(PersistenceConfig.Builder config, String compression, JSObject encryption,
            String storageName, StorageBackend backend) {
        config.compressor(compressor(compression));
        for (Compressor decompressor : decompressors()) {
            config.decompressor(decompressor);
        }
        if (encryption != null) {
            config.cipher(cipher(encryption, storageName, backend));
            config.readUnencrypted(JsOptions.flag(encryption, "readUnencrypted", false));
        }
    }

    private static Compressor compressor(String name) {
        switch (name) {
            case "none":
                return null;
            case "gzip":
                return BrowserCompression.gzip();
            case "lz4":
                return BrowserCompression.lz4();
            default:
                throw new IllegalArgumentException("compression must be 'gzip', 'lz4' or 'none': " + name);
        }
    }

    /** Returns LZ4, and gzip where the browser has {@code DecompressionStream}. */
    private static List<Compressor> decompressors() {
        List<Compressor> all = new ArrayList<>();
        all.add(BrowserCompression.lz4());
        if (BrowserCompression.isGzipAvailable()) {
            all.add(BrowserCompression.gzip());
        }
        return all;
    }

    /**
     * Returns the cipher the {@code encryption} option asks for.
     *
     * @throws IllegalArgumentException if the algorithm is unknown, neither or both of key and
     *     passphrase are given, or the key is not 32 bytes
     */
    private static Cipher cipher(JSObject encryption, String storageName, StorageBackend backend) {
        String algorithmName = JsOptions.string(encryption, "algorithm", "aes-256-gcm");
        Encryption.Algorithm algorithm;
        int id;
        switch (algorithmName) {
            case "aes-256-gcm":
                algorithm = Encryption.Algorithm.AES_256_GCM;
                id = Cipher.AES_256_GCM;
                break;
            case "chacha20-poly1305":
                algorithm = Encryption.Algorithm.CHACHA20_POLY1305;
                id = Cipher.CHACHA20_POLY1305;
                break;
            default:
                throw new IllegalArgumentException(
                        "encryption.algorithm must be 'aes-256-gcm' or 'chacha20-poly1305': " + algorithmName);
        }
        JSObject key = JsOptions.get(encryption, "key");
        boolean hasPassphrase = JsOptions.has(encryption, "passphrase");
        if ((key != null) == hasPassphrase) {
            throw new IllegalArgumentException("encryption needs exactly one of key (a Uint8Array of 32 bytes)"
                    + " and passphrase");
        }
        if (key != null) {
            byte[] raw = JsBytes.fromJs(key, "encryption.key");
            if (raw.length != EncryptionKey.LENGTH_BYTES) {
                throw new IllegalArgumentException("encryption.key must be 32 bytes, not " + raw.length);
            }
            return BrowserCrypto.of(encryption(algorithm, EncryptionKey.of(raw)));
        }
        String passphrase = JsOptions.string(encryption, "passphrase", "");
        JSObject saltJs = JsOptions.get(encryption, "salt");
        boolean stored = saltJs != null && STORED.equals(JsOptions.stringOrNull(encryption, "salt"));
        byte[] salt = stored ? new byte[EncryptionKey.MIN_SALT_BYTES]
                : saltJs != null ? JsBytes.fromJs(saltJs, "encryption.salt") : defaultSalt(storageName);
        int iterations = JsOptions.count(encryption, "iterations", EncryptionKey.DEFAULT_ITERATIONS);
        EncryptionKey.checkDerivation(passphrase, salt, iterations);
        Encryption.Algorithm chosen = algorithm;
        Async<byte[]> saltReady = stored ? storedSalt(backend) : Async.of(salt);
        return new DeferredCipher(id, algorithmName, Encryption.OVERHEAD_BYTES, saltReady
                .flatMap(s -> BrowserCrypto.deriveKey(passphrase, s, iterations))
                .map(derived -> BrowserCrypto.of(encryption(chosen, derived))));
    }

    /** The {@code salt} value that asks for a random salt kept in the backend. */
    private static final String STORED = "stored";

    /**
     * Where {@code salt: "stored"} keeps its salt: a key no layer can have (each layer's keys
     * begin with its non-empty key prefix, which cannot hold U+0000).
     */
    static final String SALT_KEY = "\0keepsake-salt";

    /**
     * Completes with the salt stored in {@code backend}, after storing 16 random bytes there if it
     * has none. Two pages doing this at once agree: the write is conditional on the key being
     * absent, and the loser reads the winner's salt.
     */
    static Async<byte[]> storedSalt(StorageBackend backend) {
        return backend.loadVersioned(SALT_KEY).flatMap(found -> {
            if (found.isPresent()) {
                return Async.of(found.value());
            }
            byte[] fresh = new byte[EncryptionKey.MIN_SALT_BYTES];
            BrowserCrypto.random().nextBytes(fresh);
            return backend.write(WriteBatch.builder().putIf(SALT_KEY, fresh, Versioned.ABSENT).build())
                    .map(written -> fresh)
                    .recoverWith(failure -> failure instanceof ConflictException ? backend.load(SALT_KEY)
                            : Async.failed(failure));
        });
    }

    private static Encryption encryption(Encryption.Algorithm algorithm, EncryptionKey key) {
        return algorithm == Encryption.Algorithm.CHACHA20_POLY1305 ? Encryption.chacha20Poly1305(key)
                : Encryption.aes256Gcm(key);
    }

    private static byte[] defaultSalt(String storageName) {
        byte[] digest = Sha256.hash(JsText.encode("keepsake passphrase salt\u0000" + storageName));
        byte[] salt = new byte[EncryptionKey.MIN_SALT_BYTES];
        System.arraycopy(digest, 0, salt, 0, salt.length);
        return salt;
    }
}
