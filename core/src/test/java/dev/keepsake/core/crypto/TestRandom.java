package dev.keepsake.core.crypto;

/**
 * Deterministic {@link RandomSource}s for tests: a fixed repeating pattern (to reproduce golden
 * vectors) or a xorshift stream (distinct bytes on every call, like a real source). Never use
 * either outside tests: they are not random.
 */
public final class TestRandom implements RandomSource {

    private final byte[] fixed;
    private int state;

    private TestRandom(byte[] fixed, int seed) {
        this.fixed = fixed;
        this.state = seed | 1;
    }

    /** Returns a source that fills every request with {@code pattern}, repeated from its start. */
    public static TestRandom fixed(byte[] pattern) {
        return new TestRandom(pattern.clone(), 1);
    }

    /** Returns a xorshift stream seeded by {@code seed}. */
    public static TestRandom stream(int seed) {
        return new TestRandom(null, seed);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (fixed != null) {
                bytes[i] = fixed[i % fixed.length];
            } else {
                state ^= state << 13;
                state ^= state >>> 17;
                state ^= state << 5;
                bytes[i] = (byte) state;
            }
        }
    }
}
