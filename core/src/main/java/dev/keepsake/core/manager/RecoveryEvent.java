package dev.keepsake.core.manager;

/**
 * A value was not read from where it belongs but recovered from elsewhere, because the
 * primary copy was unusable.
 *
 * @param key the key that was read
 * @param source where the returned value came from, for example {@code "backup 1732610000000"}
 * @param cause why the primary copy could not be used
 */
public record RecoveryEvent(String key, String source, Throwable cause) {
}
