package dev.keepsake.core.backend;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** {@link Keys#requireValid} on the JVM, in JavaScript and in WebAssembly. */
@RunWith(TeaVMTestRunner.class)
public class KeysTest {

    @Test
    public void wellFormedKeysAreValid() {
        for (String key : new String[] {"a", "../x", "nul\u0000byte", "\u00e9t\u00e9", "emoji \uD83D\uDE00"}) {
            assertSame(key, Keys.requireValid(key));
        }
    }

    @Test
    public void anUnpairedSurrogateIsRefusedNamingItsIndex() {
        assertEquals("key has an unpaired surrogate at index 2",
                assertThrows(IllegalArgumentException.class, () -> Keys.requireValid("ab\uD800")).getMessage());
        assertEquals("key has an unpaired surrogate at index 0",
                assertThrows(IllegalArgumentException.class, () -> Keys.requireValid("\uDE00\uD83D")).getMessage());
        assertEquals("key has an unpaired surrogate at index 3",
                assertThrows(IllegalArgumentException.class, () -> Keys.requireValid("\uD83D\uDE00x\uDE00"))
                        .getMessage());
    }

    @Test
    public void emptyAndNullKeysAreRefused() {
        assertEquals("key must not be empty",
                assertThrows(IllegalArgumentException.class, () -> Keys.requireValid("")).getMessage());
        assertThrows(NullPointerException.class, () -> Keys.requireValid(null));
    }
}
