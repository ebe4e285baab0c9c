package dev.keepsake.jvm.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.testing.StorageBackendContract;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties of the key-to-file-name mapping that keep files apart, inside, and portable. */
class FileNamesTest {

    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    /** Any well-formed key: arbitrary code points (surrogate pairs included, none unpaired), up to long. */
    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> anyCodePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMinSize(1).ofMaxSize(300)
                .map(FileNamesTest::fromCodePoints);
        Arbitrary<String> asciiish = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(300);
        Arbitrary<String> nearTheLimit = Arbitraries.strings().withChars("aZ_/.-").ofMinLength(60).ofMaxLength(260);
        Arbitrary<String> awkward = Arbitraries.of(StorageBackendContract.AWKWARD_KEYS);
        return Arbitraries.oneOf(anyCodePoints, asciiish, nearTheLimit, awkward);
    }

    @Provide
    Arbitrary<List<String>> keyLists() {
        // Case variants of each other are the interesting collisions, so mix them in.
        Arbitrary<String> key = keys();
        Arbitrary<String> variant = key.map(k -> k.toUpperCase(Locale.ROOT));
        return Arbitraries.oneOf(key, variant, key.map(k -> k.toLowerCase(Locale.ROOT)))
                .list().ofMinSize(2).ofMaxSize(40);
    }

    @Property(tries = 2000)
    void nameIsShortAndMadeOfSafeCharacters(@ForAll("keys") String key) {
        String name = FileNames.forKey(key);
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_NAME_BYTES, name);
        assertTrue(name.matches("[a-z0-9_.-]+"), name);
        assertFalse(name.equals(".") || name.equals(".."), name);
        assertFalse(name.endsWith(".") || name.endsWith(" "), name);
        String device = name.split("\\.", 2)[0];
        assertFalse(WINDOWS_DEVICES.contains(device), name);
        assertFalse(FileNames.isTemp(name), name);
    }

    @Property(tries = 2000)
    void escapedNameIsReversibleAndHashedNameIsRecognised(@ForAll("keys") String key) {
        String name = FileNames.forKey(key);
        String decoded = FileNames.keyOf(name);
        if (decoded == null) {
            assertTrue(FileNames.isHashed(name), "neither decodable nor hashed: " + name);
        } else {
            assertEquals(key, decoded);
            assertFalse(FileNames.isHashed(name));
        }
    }

    @Property(tries = 500)
    void distinctKeysGetNamesThatDifferEvenIgnoringCase(
            @ForAll("keyLists") List<String> keys) {
        Map<String, String> byFoldedName = new HashMap<>();
        for (String key : keys) {
            String folded = FileNames.forKey(key).toLowerCase(Locale.ROOT);
            String previous = byFoldedName.putIfAbsent(folded, key);
            if (previous != null) {
                assertEquals(previous, key, "two keys share file " + folded);
            }
        }
    }

    @Property(tries = 1000)
    void caseVariantsOfAKeyGetDistinctNames(@ForAll("keys") String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        String lower = key.toLowerCase(Locale.ROOT);
        if (!upper.equals(lower)) {
            assertNotEquals(FileNames.forKey(upper).toLowerCase(Locale.ROOT),
                    FileNames.forKey(lower).toLowerCase(Locale.ROOT));
        }
    }

    @Property(tries = 1000)
    void arbitraryFileNamesDecodeOnlyIfCanonical(@ForAll @Size(max = 40) String suffix) {
        String name = "k-" + suffix + ".kv";
        String key = FileNames.keyOf(name);
        if (key != null) {
            assertEquals(name, FileNames.forKey(key));
        }
    }

    @Example
    void nonCanonicalSpellingsAreNotKeys() {
        assertNull(FileNames.keyOf("k-_61.kv"), "'a' escaped although plain");
        assertNull(FileNames.keyOf("k-_4.kv"), "truncated escape");
        assertNull(FileNames.keyOf("k-_zz.kv"), "not hex");
        assertNull(FileNames.keyOf("k-_4A.kv"), "uppercase hex");
        assertNull(FileNames.keyOf("k-A.kv"), "uppercase letter");
        assertNull(FileNames.keyOf("k-.kv"), "empty key");
        assertNull(FileNames.keyOf("k-_c3.kv"), "malformed UTF-8");
        assertNull(FileNames.keyOf("k-a.tmp"), "wrong suffix");
        assertNull(FileNames.keyOf("notes.txt"), "foreign");
        assertEquals("A/b", FileNames.keyOf("k-_41_2fb.kv"));
    }

    @Example
    void longKeysAreHashedAndShortOnesAreNot() {
        assertEquals("k-abc.kv", FileNames.forKey("abc"));
        String longKey = "x".repeat(300);
        String name = FileNames.forKey(longKey);
        assertTrue(FileNames.isHashed(name), name);
        assertEquals(2 + 64 + 3, name.length());
        // 250 plain characters fill a name of exactly 255 bytes; one more must switch to a hash.
        assertEquals(255, FileNames.forKey("y".repeat(250)).length());
        assertTrue(FileNames.isHashed(FileNames.forKey("y".repeat(251))));
    }

    @Example
    void traversalKeysStayFlat() {
        for (String key : List.of("..", "../x", "../../etc/passwd", "/abs", "a/../../b", "C:\\x",
                "\\\\server\\share")) {
            String name = FileNames.forKey(key);
            assertFalse(name.contains("/") || name.contains("\\") || name.contains(":"), name);
            assertEquals(key, FileNames.keyOf(name));
        }
    }

    @Example
    void tempNamesAreRecognisedAndDistinct() {
        assertTrue(FileNames.isTemp(FileNames.temp(0)));
        assertTrue(FileNames.isTemp(FileNames.temp(-1)));
        assertNotEquals(FileNames.temp(1), FileNames.temp(2));
        assertFalse(FileNames.isTemp("t-123.tmp"));
        assertNull(FileNames.keyOf(FileNames.temp(5)));
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int cp : codePoints) {
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
