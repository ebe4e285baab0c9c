package dev.keepsake.core.format;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.internal.Utf8;

/** Byte helpers shared by the format tests; plain Java so TeaVM compiles them too. */
public final class TestBytes {

    private TestBytes() {
    }

    /** Returns the bytes of an ASCII string. */
    static byte[] ascii(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) s.charAt(i);
        }
        return out;
    }

    /** Returns {@code length} reproducible pseudo-random bytes (xorshift32 from {@code seed}). */
    static byte[] pseudoRandom(int length, int seed) {
        byte[] out = new byte[length];
        int state = seed == 0 ? 1 : seed;
        for (int i = 0; i < length; i++) {
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            out[i] = (byte) (state >>> 24);
        }
        return out;
    }

    /** Returns lowercase hex for {@code bytes}. */
    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Returns the bytes of a hex string (whitespace ignored). */
    static byte[] unhex(String hex) {
        StringBuilder digits = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!Character.isWhitespace(c)) {
                digits.append(c);
            }
        }
        if ((digits.length() & 1) != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex digit near " + 2 * i);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Returns a copy of {@code bytes[from, to)}. */
    static byte[] slice(byte[] bytes, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(bytes, from, out, 0, out.length);
        return out;
    }

    /** Returns {@code a} followed by {@code b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Rewrites the trailing CRC-32C of an envelope stored under {@code key} to match its
     * (possibly edited) contents, as its version byte says the checksum is computed.
     */
    public static byte[] restampChecksum(String key, byte[] envelope) {
        byte[] out = envelope.clone();
        int end = out.length - 4;
        int crc = Crc32c.compute(out, 0, end);
        if (out[4] != Envelope.VERSION_1) {
            byte[] keyBytes = Utf8.encode(key);
            crc = Crc32c.update(crc, keyBytes, 0, keyBytes.length);
        }
        out[end] = (byte) (crc >>> 24);
        out[end + 1] = (byte) (crc >>> 16);
        out[end + 2] = (byte) (crc >>> 8);
        out[end + 3] = (byte) crc;
        return out;
    }

    /** Returns the value of a settled, successful {@code async}. */
    static <T> T value(Async<T> async) {
        assertTrue("still pending", async.isDone());
        if (async.isFailed()) {
            throw new AssertionError("failed unexpectedly: " + async.failure(), async.failure());
        }
        return async.peek();
    }

    /** Returns the CorruptedDataException a settled {@code async} failed with. */
    static CorruptedDataException corruption(Async<?> async) {
        Throwable failure = failureOf(async);
        if (!(failure instanceof CorruptedDataException)) {
            throw new AssertionError("expected CorruptedDataException, got " + failure, failure);
        }
        return (CorruptedDataException) failure;
    }

    /** Returns the SerializationException a settled {@code async} failed with. */
    static SerializationException serializationFailure(Async<?> async) {
        Throwable failure = failureOf(async);
        if (!(failure instanceof SerializationException)) {
            throw new AssertionError("expected SerializationException, got " + failure, failure);
        }
        return (SerializationException) failure;
    }

    private static Throwable failureOf(Async<?> async) {
        assertTrue("still pending", async.isDone());
        if (!async.isFailed()) {
            fail("expected a failure, got a value: " + async.peek());
        }
        Throwable failure = async.failure();
        assertNotNull(failure);
        return failure;
    }

    /** Asserts {@code message} contains {@code part}, showing both otherwise. */
    static void assertContains(String message, String part) {
        if (message == null || !message.contains(part)) {
            fail("expected \"" + part + "\" in: " + message);
        }
    }
}
