package dev.keepsake.browser.sync;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The browser-side key names: a localStorage key, an IndexedDB announcement channel. */
@RunWith(TeaVMTestRunner.class)
public class StorageKeysTest {

    @Test
    public void localStorageKeysAddTheBackendsPrefix() {
        assertEquals("site:keepsake:todos", StorageKeys.localStorageKey("site", "keepsake:todos"));
    }

    @Test
    public void channelNamesDoNotCollide() {
        assertNotEquals(StorageKeys.channelName("a:b", "c"), StorageKeys.channelName("a", "b:c"));
        assertEquals(StorageKeys.channelName("db", "values"), StorageKeys.channelName("db", "values"));
    }
}
