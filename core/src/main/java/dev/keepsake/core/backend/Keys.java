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

    /**
     * Returns the number of bytes a valid key ({@link #requireValid}) takes in UTF-8, the size a
     * backend that stores keys as UTF-8 charges for it; written out rather than through
     * {@code String.getBytes} so that the browser build does not carry the JDK's charsets.
     */
    public static int utf8Length(String key) {
        int n = key.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (Character.isHighSurrogate(c)) {
                    bytes += 2; // a pair: 2 chars, 4 bytes
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
