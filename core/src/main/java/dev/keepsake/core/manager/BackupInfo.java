package dev.keepsake.core.manager;

/**
 * One kept version of a key.
 *
 * @param key the key it is a version of
 * @param timestampMillis when the backup was taken, by the manager's clock; identifies it
 */
public record BackupInfo(String key, long timestampMillis) {
}
