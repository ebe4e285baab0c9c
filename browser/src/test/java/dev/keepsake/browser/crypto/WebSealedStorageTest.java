package dev.keepsake.browser.crypto;

import dev.keepsake.browser.compress.BrowserCompression;
import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.crypto.SealedStorageContract;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The shared sealed-storage contract with the browser's platform algorithms, gzip by
 * CompressionStream and AES-256-GCM by WebCrypto, through the manager in Chromium (JS and
 * wasm-gc): every bit flip, truncation, tampered byte, wrong key and copied value is corruption.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class WebSealedStorageTest extends SealedStorageContract {

    @Override
    protected Compressor compressor() {
        return BrowserCompression.gzip();
    }

    @Override
    protected Cipher cipher(EncryptionKey key, RandomSource random) {
        return BrowserCrypto.of(Encryption.aes256Gcm(key), random);
    }

    @Override
    protected <T> T await(Async<T> async) {
        return Blocking.await(async);
    }
}
