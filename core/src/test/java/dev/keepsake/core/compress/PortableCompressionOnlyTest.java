package dev.keepsake.core.compress;

import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.crypto.SealedStorageContract;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** Core's LZ4 alone through the manager, on JVM, JS and wasm-gc. */
@RunWith(TeaVMTestRunner.class)
public class PortableCompressionOnlyTest extends SealedStorageContract {

    @Override
    protected Compressor compressor() {
        return Compressors.lz4();
    }

    @Override
    protected Cipher cipher(EncryptionKey key, RandomSource random) {
        return null;
    }
}
