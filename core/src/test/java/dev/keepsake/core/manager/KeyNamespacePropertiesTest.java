package dev.keepsake.core.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The namespace mapping is injective across prefixes and keys, and reversible. */
class KeyNamespacePropertiesTest {

    @Provide
    Arbitrary<String> names() {
        // Few distinct characters, the separator and escape among them, so collisions would show.
        return Arbitraries.strings().withChars('a', '1', ':', '!', '\\').ofMinLength(1).ofMaxLength(6);
    }

    @Property(tries = 5000)
    void distinctPairsMapToDistinctStorageKeys(@ForAll("names") String p1, @ForAll("names") String k1,
            @ForAll("names") String p2, @ForAll("names") String k2) {
        String s1 = new KeyNamespace(p1).toStorage(k1);
        String s2 = new KeyNamespace(p2).toStorage(k2);
        if (!p1.equals(p2) || !k1.equals(k2)) {
            assertNotEquals(s1, s2, "(" + p1 + ", " + k1 + ") and (" + p2 + ", " + k2 + ")");
        }
    }

    @Property(tries = 2000)
    void storageKeysMapBackToTheirKeyAndOnlyInTheirNamespace(@ForAll("names") String p1, @ForAll("names") String p2,
            @ForAll("names") String key) {
        KeyNamespace own = new KeyNamespace(p1);
        KeyNamespace other = new KeyNamespace(p2);
        String stored = own.toStorage(key);
        assertEquals(key, own.fromStorage(stored));
        if (!p1.equals(p2)) {
            String seen = other.fromStorage(stored);
            if (seen != null) {
                // The other namespace may only claim a storage key it could have produced itself.
                assertNotEquals(stored, other.toStorage(seen));
            }
        }
    }

    @Property(tries = 5000)
    void noValueKeyOfAnyManagerIsABackupKeyOfAnother(@ForAll("names") String p1, @ForAll("names") String k1,
            @ForAll("names") String p2, @ForAll("names") String k2,
                    @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 20) long stamp) {
        String value = new KeyNamespace(p1).toStorage(k1);
        String backup = new KeyNamespace(p2).toBackup(k2, stamp);
        assertNotEquals(value, backup);
        assertNull(new KeyNamespace(p2).fromStorage(backup));
        KeyNamespace.Backup parsed = new KeyNamespace(p2).fromBackup(backup);
        assertEquals(k2, parsed.key());
        assertEquals(stamp, parsed.stampMillis());
        assertNull(new KeyNamespace(p1).fromBackup(value));
    }

    @Property(tries = 3000)
    void backupKeysAreInjective(@ForAll("names") String p1, @ForAll("names") String k1,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 12) long s1,
            @ForAll("names") String p2, @ForAll("names") String k2,
                    @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 12) long s2) {
        if (!p1.equals(p2) || !k1.equals(k2) || s1 != s2) {
            assertNotEquals(new KeyNamespace(p1).toBackup(k1, s1), new KeyNamespace(p2).toBackup(k2, s2));
        }
    }

    @Property(tries = 200)
    void theBareHeadIsNotAKey(@ForAll("names") String prefix) {
        KeyNamespace ns = new KeyNamespace(prefix);
        assertNull(ns.fromStorage(ns.toString()));
    }
}
