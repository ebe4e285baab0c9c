package dev.keepsake.jvm.crypto;

import dev.keepsake.core.crypto.RandomSource;
import java.security.SecureRandom;

/** Core's random-bytes service on the JVM's default {@link SecureRandom}; thread-safe. */
final class SecureRandomSource implements RandomSource {

    static final SecureRandomSource INSTANCE = new SecureRandomSource();

    private final SecureRandom random = new SecureRandom();

    private SecureRandomSource() {
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }

    @Override
    public String toString() {
        return "SecureRandomSource[" + random.getAlgorithm() + "]";
    }
}
