package dev.keepsake.core.sync;

import java.util.Arrays;
import java.util.Objects;

/**
 * The few assertions the sync tests use, with JUnit 5's argument order, in plain code: the
 * same test classes run on the JVM and, compiled by TeaVM, in JS and wasm-gc.
 */
final class Check {

    private Check() {
    }

    static void assertEquals(Object expected, Object actual) {
        assertEquals(expected, actual, null);
    }

    static void assertEquals(Object expected, Object actual, String message) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError((message == null ? "" : message + " ==> ") + "expected: <" + expected
                    + "> but was: <" + actual + ">");
        }
    }

    static void assertEquals(long expected, long actual) {
        assertEquals(expected, actual, null);
    }

    static void assertEquals(long expected, long actual, String message) {
        if (expected != actual) {
            throw new AssertionError((message == null ? "" : message + " ==> ") + "expected: <" + expected
                    + "> but was: <" + actual + ">");
        }
    }

    static void assertTrue(boolean condition) {
        assertTrue(condition, null);
    }

    static void assertTrue(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message == null ? "expected true" : message);
        }
    }

    static void assertFalse(boolean condition, String message) {
        assertTrue(!condition, message);
    }

    static void assertArrayEquals(byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError("arrays differ");
        }
    }
}
