package dev.keepsake.browser.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.keepsake.browser.compress.BrowserCompression;
import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.browser.storage.IndexedDbBackend;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.browser.time.BrowserScheduler;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Every browser algorithm through a {@link PersistenceManager} over memory, localStorage and
 * IndexedDB in Chromium (JS and wasm-gc): values round-trip through a fresh manager, are stored
 * compressed and encrypted as configured, and a wrong key, a value moved to another key, or a
 * tampered body is reported as corruption, never returned.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class SealedPersistenceTest {

    private static int counter;
    private final String unique = "sealed-" + ++counter + "-" + (int) (Math.random() * 1e9);

    @Test
    public void memory() {
        check(MemoryBackend.create());
    }

    @Test
    public void localStorage() {
        LocalStorageBackend backend = LocalStorageBackend.create(unique);
        try {
            check(backend);
        } finally {
            Blocking.await(backend.clear());
        }
    }

    @Test
    public void indexedDb() {
        IndexedDbBackend backend = IndexedDbBackend.builder().database(unique).build();
        try {
            check(backend);
        } finally {
            Blocking.await(backend.clear());
            backend.close();
        }
    }

    private void check(StorageBackend backend) {
        EncryptionKey key = CrossPlatformVectors.key();
        byte[] otherRaw = key.bytes();
        otherRaw[5] ^= 0x20;
        EncryptionKey other = EncryptionKey.of(otherRaw);
        List<Setup> setups = new ArrayList<>();
        setups.add(new Setup("gzip", BrowserCompression.gzip(), null, null));
        setups.add(new Setup("lz4", BrowserCompression.lz4(), null, null));
        setups.add(new Setup("aes", null, BrowserCrypto.aes256Gcm(key), BrowserCrypto.aes256Gcm(other)));
        setups.add(new Setup("chacha", null, BrowserCrypto.chacha20Poly1305(key),
                BrowserCrypto.chacha20Poly1305(other)));
        setups.add(new Setup("gzip-aes", BrowserCompression.gzip(), BrowserCrypto.aes256Gcm(key),
                BrowserCrypto.aes256Gcm(other)));
        setups.add(new Setup("lz4-chacha", BrowserCompression.lz4(), BrowserCrypto.chacha20Poly1305(key),
                BrowserCrypto.chacha20Poly1305(other)));
        String value = value();
        for (Setup setup : setups) {
            String prefix = setup.name;
            String storedA = prefix + ":a";
            String storedBKey = prefix + ":b";
            PersistenceManager<String> writer = manager(backend, prefix, setup.compressor, setup.cipher);
            Blocking.await(writer.save("a", value));
            Blocking.await(writer.save("b", "short"));
            Blocking.await(writer.close());

            byte[] stored = Blocking.await(backend.load(storedA));
            assertEquals(setup.name, setup.compressor == null ? Compressor.NONE : setup.compressor.id(), stored[6]);
            assertEquals(setup.name, setup.cipher == null ? Cipher.NONE : setup.cipher.id(), stored[7]);
            if (setup.compressor != null) {
                assertTrue(setup.name + " stores " + stored.length + " bytes", stored.length < value.length() / 4);
            }

            PersistenceManager<String> reader = manager(backend, prefix, setup.compressor, setup.cipher);
            assertEquals(setup.name, Optional.of(value), Blocking.await(reader.load("a")));
            assertEquals(setup.name, Optional.of("short"), Blocking.await(reader.load("b")));
            Blocking.await(reader.close());

            if (setup.cipher == null) {
                continue;
            }
            PersistenceManager<String> wrongKey = manager(backend, prefix, setup.compressor, setup.wrongCipher);
            CrossPlatformEnvelopeTest.corrupted(wrongKey.load("a"));
            Blocking.await(wrongKey.close());

            // Swap the two values at the storage level: each is bound to its own key.
            byte[] storedB = Blocking.await(backend.load(storedBKey));
            Blocking.await(backend.save(storedA, storedB));
            Blocking.await(backend.save(storedBKey, stored));
            PersistenceManager<String> swapped = manager(backend, prefix, setup.compressor, setup.cipher);
            CrossPlatformEnvelopeTest.corrupted(swapped.load("a"));
            CrossPlatformEnvelopeTest.corrupted(swapped.load("b"));
            Blocking.await(swapped.close());

            byte[] tampered = stored.clone();
            tampered[30] ^= 0x01;
            CrossPlatformEnvelopeTest.fixCrc(tampered, storedA);
            Blocking.await(backend.save(storedA, tampered));
            PersistenceManager<String> afterTamper = manager(backend, prefix, setup.compressor, setup.cipher);
            CrossPlatformEnvelopeTest.corrupted(afterTamper.load("a"));
            Blocking.await(afterTamper.close());

            Blocking.await(backend.save(storedA, stored));
            PersistenceManager<String> restored = manager(backend, prefix, setup.compressor, setup.cipher);
            assertEquals(setup.name + ": the untouched bytes still open", Optional.of(value),
                    Blocking.await(restored.load("a")));
            Blocking.await(restored.close());
        }
    }

    private static PersistenceManager<String> manager(StorageBackend backend, String prefix, Compressor compressor,
            Cipher cipher) {
        PersistenceConfig config = PersistenceConfig.builder().keyPrefix(prefix).compressor(compressor).cipher(cipher)
                .build();
        return PersistenceManager.builder(backend, Serializers.json(Codecs.strings()), BrowserScheduler.get())
                .config(config).build();
    }

    private static String value() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("entry ").append(i).append(": keepsake keeps state safe; ");
        }
        return text.toString();
    }

    private static final class Setup {
        final String name;
        final Compressor compressor;
        final Cipher cipher;
        final Cipher wrongCipher;

        Setup(String name, Compressor compressor, Cipher cipher, Cipher wrongCipher) {
            this.name = name;
            this.compressor = compressor;
            this.cipher = cipher;
            this.wrongCipher = wrongCipher;
        }
    }
}
