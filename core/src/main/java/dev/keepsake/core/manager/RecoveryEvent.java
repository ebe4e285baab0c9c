package dev.keepsake.core.manager;

/**
 * A read did not use a copy of a value. {@link PersistenceManager} reports one when it returns
 * a backup because the stored value was corrupt ({@code source} is the backup, such as
 * {@code "backup 1732610000000"}); {@link RecoveryManager} reports one for each backend whose
 * copy it skipped ({@code source} is that backend's name, and the value returned, if any,
 * came from a later backend).
 *
 * @param key the key that was read
 * @param source the backup the value came from, or the backend whose copy was skipped
 * @param cause why the stored value, or the skipped copy, could not be used
 */
public record RecoveryEvent(String key, String source, Throwable cause) {
}
