package dev.keepsake.core.backend;

import java.util.OptionalLong;

/**
 * What a backend reports about its space.
 *
 * @param usedBytes bytes taken by this backend's entries, as the platform counts them (file
 *     sizes on disk, UTF-16 code units times two for localStorage); never negative
 * @param availableBytes bytes still free for this backend, when the platform can tell
 * @param entryCount number of stored keys; never negative
 */
public record StorageInfo(long usedBytes, OptionalLong availableBytes, long entryCount) {

    /**
     * Validates the figures.
     *
     * @throws IllegalArgumentException if a count is negative
     * @throws NullPointerException if {@code availableBytes} is null
     */
    public StorageInfo {
        if (usedBytes < 0) {
            throw new IllegalArgumentException("used bytes must not be negative: " + usedBytes);
        }
        if (entryCount < 0) {
            throw new IllegalArgumentException("entry count must not be negative: " + entryCount);
        }
        if (availableBytes.isPresent() && availableBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("available bytes must not be negative: " + availableBytes);
        }
    }
}
