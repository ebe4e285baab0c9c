package dev.keepsake.core.backend;

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
        int n = key.length();
        if (n == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(key.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException("key has an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException("key has an unpaired surrogate at index " + i);
            }
        }
        return key;
    }
}
