package dev.keepsake.core.backend;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.QuotaExceededException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** What MemoryBackend adds to the contract: a quota that fails writes without losing data. */
@RunWith(TeaVMTestRunner.class)
public class MemoryBackendTest {

    @Test
    public void aWriteOverTheQuotaFailsAndKeepsThePreviousValue() {
        MemoryBackend backend = MemoryBackend.withQuota(20);
        backend.save("k", new byte[10]).peek();
        Async<Void> tooBig = backend.save("k", new byte[30]);
        assertTrue(tooBig.failure() instanceof QuotaExceededException);
        assertEquals("k", ((QuotaExceededException) tooBig.failure()).key());
        assertArrayEquals(new byte[10], backend.load("k").peek());
        assertEquals(11, backend.info().peek().usedBytes());
        assertEquals(9, backend.info().peek().availableBytes().getAsLong());
    }

    @Test
    public void aBatchOverTheQuotaIsRejectedWhole() {
        MemoryBackend backend = MemoryBackend.withQuota(25);
        WriteBatch batch = WriteBatch.builder().put("a", new byte[10]).put("b", new byte[10]).put("c", new byte[10])
                .build();
        assertTrue(backend.write(batch).failure() instanceof QuotaExceededException);
        assertEquals(0, backend.info().peek().entryCount());
        assertFalse(backend.exists("a").peek());
    }

    @Test
    public void shrinkingWritesAreAllowedWhenOverQuota() {
        MemoryBackend backend = MemoryBackend.withQuota(15);
        backend.save("k", new byte[14]).peek();
        backend.save("k", new byte[2]).peek();
        assertEquals(3, backend.info().peek().usedBytes());
    }

    @Test
    public void quotaMustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> MemoryBackend.withQuota(-1));
        assertFalse(MemoryBackend.create().info().peek().availableBytes().isPresent());
    }
}
