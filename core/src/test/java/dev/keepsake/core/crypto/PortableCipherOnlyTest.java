package dev.keepsake.core.crypto;

import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** Core's ChaCha20-Poly1305 alone through the manager, on JVM, JS and wasm-gc. */
@RunWith(TeaVMTestRunner.class)
public class PortableCipherOnlyTest extends SealedStorageContract {

    @Override
    protected Compressor compressor() {
        return null;
    }

    @Override
    protected Cipher cipher(EncryptionKey key, RandomSource random) {
        return Ciphers.chacha20Poly1305(key, random);
    }
}
