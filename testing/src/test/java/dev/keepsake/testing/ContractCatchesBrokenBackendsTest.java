package dev.keepsake.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.WriteFailedException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;

/**
 * The contract suite is worth shipping only if it fails a backend that breaks a guarantee: each
 * case here breaks one and checks that the test named after it fails, and that a sound backend
 * passes every test.
 */
class ContractCatchesBrokenBackendsTest {

    @Test
    void aSoundBackendPassesEveryTestOfTheSuite() {
        Result result = JUnitCore.runClasses(Sound.class);
        assertEquals(Set.of(), failedTests(result), "a backend over MemoryBackend passes the suite");
        assertEquals(testCount(), result.getRunCount(), "every @Test of the suite ran");
    }

    @Test
    void aBackendThatAppliesABatchEntryByEntryFailsTheBatchAtomicityTest() {
        Set<String> failed = failedTests(JUnitCore.runClasses(Piecemeal.class));
        assertTrue(failed.contains("aFailedBatchLeavesNoneOfItsEntriesOrEachWhole"), "failed: " + failed);
    }

    @Test
    void aBackendWhoseFailureShowsTheValueFailsTheNoValueInErrorsTest() {
        Set<String> failed = failedTests(JUnitCore.runClasses(Leaky.class));
        assertTrue(failed.contains("aFailedWriteNamesTheKeyButNeverShowsTheValue"), "failed: " + failed);
    }

    @Test
    void aBackendThatListsAKeyTwiceFailsTheListKeysTest() {
        Set<String> failed = failedTests(JUnitCore.runClasses(Repeating.class));
        assertTrue(failed.contains("listKeysReturnsExactlyTheKeysWritten"), "failed: " + failed);
    }

    private static Set<String> failedTests(Result result) {
        Set<String> names = new TreeSet<>();
        for (Failure failure : result.getFailures()) {
            names.add(failure.getDescription().getMethodName());
        }
        return names;
    }

    private static int testCount() {
        int count = 0;
        for (Method method : StorageBackendContract.class.getMethods()) {
            if (method.isAnnotationPresent(org.junit.Test.class)) {
                count++;
            }
        }
        return count;
    }

    /** Runs the suite over a {@link ForwardingBackend} subclass; its quota is the fault. */
    public abstract static class Over extends StorageBackendContract {

        @Override
        protected int injectWriteFault(String key) {
            return ForwardingBackend.QUOTA + 1;
        }
    }

    public static class Sound extends Over {

        @Override
        protected StorageBackend newBackend() {
            return new ForwardingBackend();
        }
    }

    public static class Piecemeal extends Over {

        @Override
        protected StorageBackend newBackend() {
            return new ForwardingBackend() {
                @Override
                public Async<Void> write(WriteBatch batch) {
                    for (WriteBatch.Entry entry : batch.entries()) {
                        WriteBatch one = entry.isDelete()
                                ? WriteBatch.builder().delete(entry.key()).build()
                                : WriteBatch.builder().put(entry.key(), entry.value()).build();
                        Async<Void> done = inner.write(one);
                        if (done.isFailed()) {
                            return done;
                        }
                    }
                    return Async.done();
                }
            };
        }
    }

    public static class Leaky extends Over {

        @Override
        protected StorageBackend newBackend() {
            return new ForwardingBackend() {
                @Override
                public Async<Void> save(String key, byte[] value) {
                    return inner.save(key, value).recoverWith(failure -> Async.failed(new WriteFailedException(
                            name(), key, "refused " + new String(value, StandardCharsets.UTF_8), failure)));
                }
            };
        }
    }

    public static class Repeating extends Over {

        @Override
        protected StorageBackend newBackend() {
            return new ForwardingBackend() {
                @Override
                public Async<List<String>> listKeys() {
                    return inner.listKeys().map(keys -> {
                        List<String> twice = new ArrayList<>(keys);
                        twice.addAll(keys);
                        return twice;
                    });
                }
            };
        }
    }
}
