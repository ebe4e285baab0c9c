package dev.keepsake.core.backend;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The batch builder: one entry per key, the last operation, in the order keys were first seen. */
@RunWith(TeaVMTestRunner.class)
public class WriteBatchTest {

    @Test
    public void aLaterOperationReplacesTheEarlierOneInItsPlace() {
        WriteBatch batch = WriteBatch.builder()
                .put("a", new byte[] {1})
                .put("b", new byte[] {2})
                .delete("a")
                .put("c", new byte[] {3})
                .put("b", new byte[] {4})
                .build();
        assertEquals(List.of("a", "b", "c"), keys(batch));
        assertNull(batch.entries().get(0).value());
        assertArrayEquals(new byte[] {4}, batch.entries().get(1).value());
        assertArrayEquals(new byte[] {3}, batch.entries().get(2).value());
    }

    @Test
    public void theBuilderCountsKeysNotOperations() {
        WriteBatch.Builder builder = WriteBatch.builder().put("a", new byte[0]).delete("a").delete("b");
        assertEquals(2, builder.size());
        assertEquals(2, builder.build().size());
    }

    @Test
    public void theBuiltBatchIsACopy() {
        byte[] value = {1, 2};
        WriteBatch.Builder builder = WriteBatch.builder().put("a", value);
        WriteBatch batch = builder.build();
        value[0] = 9;
        builder.put("b", new byte[0]);
        assertEquals(List.of("a"), keys(batch));
        assertArrayEquals(new byte[] {1, 2}, batch.entries().get(0).value());
        assertThrows(UnsupportedOperationException.class, () -> batch.entries().clear());
    }

    @Test
    public void putCopiesTheBytesAndAnEntryKeepsItsOwn() {
        byte[] put = {1};
        byte[] own = {2};
        WriteBatch batch = WriteBatch.builder().put("a", put).entry(new WriteBatch.Entry("b", own)).build();
        assertNotSame(put, batch.entries().get(0).value());
        assertSame(own, batch.entries().get(1).value());
    }

    @Test
    public void putAndDeleteCheckTheirArguments() {
        WriteBatch.Builder builder = WriteBatch.builder();
        assertThrows(NullPointerException.class, () -> builder.put(null, new byte[0]));
        assertThrows(NullPointerException.class, () -> builder.put("a", null));
        assertThrows(IllegalArgumentException.class, () -> builder.put("", new byte[0]));
        assertThrows(NullPointerException.class, () -> builder.delete(null));
        assertThrows(IllegalArgumentException.class, () -> builder.delete("\uD800"));
        assertEquals(0, builder.size());
    }

    private static List<String> keys(WriteBatch batch) {
        List<String> keys = new ArrayList<>();
        for (WriteBatch.Entry e : batch.entries()) {
            keys.add(e.key());
        }
        return keys;
    }
}
