package dev.keepsake.browser.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Prefix validation keeps namespaces disjoint: with no ':' in a prefix, the first ':' of a
 * stored key ends it, so no two (prefix, key) pairs share a stored key. Runs on the JVM too.
 */
@RunWith(TeaVMTestRunner.class)
public class LocalStoragePrefixTest {

    @Test
    public void aPrefixWithTheSeparatorIsRejectedSoNamespacesCannotOverlap() {
        // "a" + ":" + "b:x" and "a:b" + ":" + "x" would both be "a:b:x".
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalStorageBackend.create("a:b"));
        assertTrue(e.getMessage(), e.getMessage().contains("':'"));
        assertThrows(IllegalArgumentException.class, () -> LocalStorageBackend.create(":"));
        assertThrows(IllegalArgumentException.class, () -> LocalStorageBackend.create("a:"));
    }

    @Test
    public void emptyNullAndMalformedPrefixesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LocalStorageBackend.create(""));
        assertThrows(NullPointerException.class, () -> LocalStorageBackend.create(null));
        assertThrows(IllegalArgumentException.class, () -> LocalStorageBackend.create("bad\uD800"));
    }

    @Test
    public void ordinaryPrefixesAreKept() {
        for (String prefix : new String[] {"a", "my-app", "app/v2", "\u00e9t\u00e9", "a b", "a\uD83D\uDE00"}) {
            LocalStorageBackend backend = LocalStorageBackend.create(prefix);
            assertEquals(prefix, backend.prefix());
            assertTrue(backend.name().contains(prefix));
        }
    }
}
