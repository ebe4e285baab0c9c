package dev.keepsake.core.backend;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
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

    private static List<String> keys(WriteBatch batch) {
        List<String> keys = new ArrayList<>();
        for (WriteBatch.Entry e : batch.entries()) {
            keys.add(e.key());
        }
        return keys;
    }
}
