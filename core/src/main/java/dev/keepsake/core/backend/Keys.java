package dev.keepsake.core.backend;

import dev.keepsake.core.internal.Utf8;
import java.util.Objects;

/** Validation of storage keys, shared by every backend so that all reject the same keys. */
public final class Keys {

    private Keys() {
    }

    /**
     * Returns {@code key} if it is a valid storage key: non-empty and well-formed UTF-16 (no
     * unpaired surrogate, so that every backend can store it as UTF-8 without loss).
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or has an unpaired surrogate
     */
    public static String requireValid(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        int length = Utf8.encodedLength(key);
        if (length < 0) {
            throw new IllegalArgumentException("key has an unpaired surrogate at index " + (-1 - length));
        }
        return key;
    }
}
