package dev.keepsake.core.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.format.Envelope;
import dev.keepsake.core.format.FakeAead;
import dev.keepsake.core.format.RunLengthCompressor;
import dev.keepsake.core.format.TestBytes;
import dev.keepsake.core.time.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** What the manager stores: framed, checked, compressed and encrypted as configured. */
@RunWith(TeaVMTestRunner.class)
public class ManagerStorageFormatTest {

    private final ManualScheduler time = ManualScheduler.create();
    private final MemoryBackend memory = MemoryBackend.create();

    private PersistenceManager<String> manager(PersistenceConfig config) {
        return PersistenceManager.builder(memory, TestSerializers.strings(), time).config(config).build();
    }

    private static <T> T done(Async<T> async) {
        assertTrue("expected a settled result: " + async, async.isDone());
        return async.peek();
    }

    private static Throwable failure(Async<?> async) {
        assertTrue("expected a failure: " + async, async.isFailed());
        return async.failure();
    }

    private byte[] stored(String storageKey) {
        return done(memory.load(storageKey));
    }

    @Test
    public void valuesAreStoredInTheCheckedEnvelope() {
        PersistenceManager<String> m = manager(PersistenceConfig.defaults());
        m.save("k", "hello");
        done(m.flush());
        byte[] bytes = stored("keepsake:k");
        assertEquals("KEEP", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(200, bytes[5] & 0xff);
        assertEquals(5 + 20, bytes.length);
    }

    @Test
    public void aFlippedBitIsReportedAsCorruptionNamingTheBackendAndKey() {
        PersistenceManager<String> writer = manager(PersistenceConfig.defaults());
        writer.save("k", "hello");
        done(writer.close());
        byte[] bytes = stored("keepsake:k");
        bytes[17] ^= 0x04;
        done(memory.save("keepsake:k", bytes));
        Throwable e = failure(manager(PersistenceConfig.defaults()).load("k"));
        assertTrue(e.toString(), e instanceof CorruptedDataException);
        CorruptedDataException c = (CorruptedDataException) e;
        assertEquals("memory", c.backend());
        assertEquals("keepsake:k", c.key());
        assertTrue(c.problem(), c.problem().startsWith("checksum mismatch"));
        assertEquals("the backend and key once each", "memory: " + c.problem() + " (key \"keepsake:k\")",
                c.getMessage());
    }

    @Test
    public void rawBytesWrittenByOtherCodeAreCorruption() {
        done(memory.save("keepsake:k", "plain text".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(failure(manager(PersistenceConfig.defaults()).load("k")) instanceof CorruptedDataException);
    }

    @Test
    public void aValueInAnotherCodecFormatIsASerializationError() {
        PersistenceManager<String> writer = PersistenceManager.builder(memory, TestSerializers.strings(), time).build();
        writer.save("k", "v");
        done(writer.close());
        byte[] bytes = stored("keepsake:k");
        PersistenceManager<String> otherFormat = PersistenceManager.builder(memory,
                new dev.keepsake.core.codec.Serializer<String>() {
                    @Override
                    public byte[] serialize(String value) {
                        return TestSerializers.strings().serialize(value);
                    }

                    @Override
                    public String deserialize(byte[] b) {
                        return TestSerializers.strings().deserialize(b);
                    }

                    @Override
                    public int formatId() {
                        return 201;
                    }
                }, time).build();
        Throwable e = failure(otherFormat.load("k"));
        assertTrue(e.toString(), e instanceof SerializationException);
        assertTrue(e.getMessage(), e.getMessage().contains("format 200"));
        assertEquals(bytes.length, stored("keepsake:k").length);
    }

    @Test
    public void aCompressorIsUsedWhenItShrinksTheValue() {
        PersistenceConfig config = PersistenceConfig.builder().compressor(new RunLengthCompressor()).build();
        PersistenceManager<String> m = manager(config);
        m.save("runs", "a".repeat(1000));
        m.save("noise", "abcdefgh");
        done(m.flush());
        assertTrue(stored("keepsake:runs").length < 100);
        assertEquals(200, stored("keepsake:runs")[6] & 0xff);
        assertEquals("not compressed when it would grow", 0, stored("keepsake:noise")[6]);
        PersistenceManager<String> reader = manager(config);
        assertEquals(Optional.of("a".repeat(1000)), done(reader.load("runs")));
        assertEquals(Optional.of("abcdefgh"), done(reader.load("noise")));
    }

    @Test
    public void valuesStayReadableWhenCompressionIsSwitchedOff() {
        PersistenceManager<String> writer = manager(PersistenceConfig.builder().compressor(new RunLengthCompressor())
                .build());
        writer.save("old", "a".repeat(1000));
        done(writer.close());
        Throwable stranded = failure(manager(PersistenceConfig.defaults()).load("old"));
        assertTrue(stranded.toString(), stranded instanceof SerializationException);
        assertTrue(stranded.getMessage(), stranded.getMessage().contains("id 200"));

        PersistenceManager<String> m = manager(PersistenceConfig.builder().decompressor(new RunLengthCompressor())
                .build());
        assertEquals(Optional.of("a".repeat(1000)), done(m.load("old")));
        m.save("new", "b".repeat(1000));
        done(m.flush());
        assertEquals("new values are written uncompressed", 0, stored("keepsake:new")[6]);
        assertEquals(Optional.of("b".repeat(1000)), done(m.load("new")));
    }

    @Test
    public void anEncryptedValueMovedToAnotherKeyOrReadWithAnotherSecretFails() {
        PersistenceConfig config = PersistenceConfig.builder().cipher(new FakeAead(7)).build();
        PersistenceManager<String> m = manager(config);
        m.save("a", "secret");
        done(m.close());
        byte[] sealed = stored("keepsake:a");
        assertEquals(Optional.of("secret"), done(manager(config).load("a")));
        done(memory.save("keepsake:b", sealed));
        assertTrue(failure(manager(config).load("b")) instanceof CorruptedDataException);
        PersistenceConfig otherSecret = PersistenceConfig.builder().cipher(new FakeAead(8)).build();
        assertTrue(failure(manager(otherSecret).load("a")) instanceof CorruptedDataException);
    }

    @Test
    public void anEncryptedValueNeedsTheCipherToBeRead() {
        PersistenceManager<String> m = manager(PersistenceConfig.builder().cipher(new FakeAead(7)).build());
        m.save("a", "secret");
        done(m.close());
        Throwable e = failure(manager(PersistenceConfig.defaults()).load("a"));
        assertTrue(e.toString(), e instanceof SerializationException);
    }

    @Test
    public void aPlainValueCopiedToAnotherKeyIsCorrupted() {
        PersistenceManager<String> m = manager(PersistenceConfig.defaults());
        m.save("a", "hello");
        done(m.close());
        done(memory.save("keepsake:b", stored("keepsake:a")));
        Throwable e = failure(manager(PersistenceConfig.defaults()).load("b"));
        assertTrue(e.toString(), e instanceof CorruptedDataException);
        assertTrue(e.getMessage(), e.getMessage().contains("checksum mismatch"));
    }

    @Test
    public void aManagerWithACipherRefusesAnUnencryptedValueAsCorrupted() {
        PersistenceManager<String> forger = manager(PersistenceConfig.defaults());
        forger.save("a", "forged");
        done(forger.close());
        Throwable e = failure(manager(PersistenceConfig.builder().cipher(new FakeAead(7)).build()).load("a"));
        assertTrue(e.toString(), e instanceof CorruptedDataException);
        assertTrue(e.getMessage(), e.getMessage().contains("not encrypted"));
    }

    @Test
    public void readUnencryptedReadsOldValuesAndEncryptsThemWhenNextWritten() {
        PersistenceManager<String> before = manager(PersistenceConfig.defaults());
        before.save("a", "old");
        done(before.close());
        PersistenceConfig migrating = PersistenceConfig.builder().cipher(new FakeAead(7)).readUnencrypted(true).build();
        PersistenceManager<String> m = manager(migrating);
        assertEquals(Optional.of("old"), done(m.load("a")));
        m.save("a", done(m.load("a")).get() + "+sealed");
        done(m.close());
        assertEquals(new FakeAead(7).id(), stored("keepsake:a")[7] & 0xFF);
        PersistenceConfig strict = PersistenceConfig.builder().cipher(new FakeAead(7)).build();
        assertEquals(Optional.of("old+sealed"), done(manager(strict).load("a")));
    }

    @Test
    public void readUnencryptedNeedsACipher() {
        PersistenceConfig.Builder b = PersistenceConfig.builder().readUnencrypted(true);
        IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage(), e.getMessage().contains("needs a cipher"));
        assertTrue(PersistenceConfig.builder().cipher(new FakeAead(1)).readUnencrypted(true).build().readUnencrypted());
    }

    @Test
    public void aTamperedCipherIdIsCorruptionSoTheBackupIsRead() {
        List<RecoveryEvent> recoveries = new ArrayList<>();
        PersistenceConfig config = PersistenceConfig.builder().cipher(new FakeAead(7)).backups(2, 0).build();
        PersistenceManager<String> m = manager(config);
        m.save("a", "kept");
        done(m.close());
        byte[] tampered = stored("keepsake:a");
        tampered[7] = (byte) 200;
        done(memory.save("keepsake:a", TestBytes.restampChecksum("keepsake:a", tampered)));
        PersistenceManager<String> reader = PersistenceManager.builder(memory, TestSerializers.strings(), time)
                .config(config).onRecovery(recoveries::add).build();
        assertEquals(Optional.of("kept"), done(reader.load("a")));
        assertEquals(1, recoveries.size());
        assertTrue(recoveries.get(0).toString(), recoveries.get(0).cause() instanceof CorruptedDataException);
    }

    @Test
    public void aBackupIsTheValueSealedForTheValuesKey() {
        PersistenceConfig config = PersistenceConfig.builder().cipher(new FakeAead(7)).backups(2, 0).build();
        PersistenceManager<String> m = manager(config);
        m.save("a", "kept");
        done(m.close());
        String backupKey = null;
        for (String key : done(memory.listKeys())) {
            if (!key.equals("keepsake:a")) {
                backupKey = key;
            }
        }
        byte[] backup = stored(backupKey);
        org.junit.Assert.assertArrayEquals(stored("keepsake:a"), backup);
        Envelope envelope = Envelope.create();
        assertTrue(envelope.open(backupKey, backup, config.readers()).failure() instanceof CorruptedDataException);
        assertTrue(envelope.open("keepsake:a", backup, config.readers()).isDone());
        assertTrue(!envelope.open("keepsake:a", backup, config.readers()).isFailed());
    }
}
