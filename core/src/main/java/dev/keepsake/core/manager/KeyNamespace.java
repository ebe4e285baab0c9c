package dev.keepsake.core.manager;

import dev.keepsake.core.backend.Keys;

/**
 * Maps a manager's keys into the backend's key space under its prefix, so that managers with
 * different prefixes can share one backend without ever seeing each other's keys.
 *
 * <p>Encoding: the prefix with every {@code '\'}, {@code ':'} and {@code '!'} escaped by a
 * {@code '\'}; then, for a value, {@code ':'} and the key unchanged; for a backup,
 * {@code '!'}, the backup's timestamp in decimal, {@code ':'} and the key. The escaped prefix
 * is a prefix-free code (it ends at its first unescaped {@code ':'} or {@code '!'}), so the
 * mapping is injective across all prefixes, kinds and keys: prefixes {@code "a"} and
 * {@code "a:b"} give {@code "a:b:x"} and {@code "a\:b:x"}, and no value key of any manager is
 * a backup key of another. Typical keys stay readable: {@code "keepsake:todos"},
 * {@code "keepsake!1732610000000:todos"}.
 */
final class KeyNamespace {

    private final String head;
    private final String backupHead;

    KeyNamespace(String prefix) {
        Keys.requireValid(prefix);
        StringBuilder sb = new StringBuilder(prefix.length() + 1);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '\\' || c == ':' || c == '!') {
                sb.append('\\');
            }
            sb.append(c);
        }
        String escaped = sb.toString();
        this.head = escaped + ':';
        this.backupHead = escaped + '!';
    }

    /**
     * Returns the backend key for {@code key}.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    String toStorage(String key) {
        return head + Keys.requireValid(key);
    }

    /** Returns the manager key that {@code storageKey} stands for, or null if it is not in this namespace. */
    String fromStorage(String storageKey) {
        if (storageKey.length() > head.length() && storageKey.startsWith(head)) {
            return storageKey.substring(head.length());
        }
        return null;
    }

    /**
     * Returns the backend key of the backup of {@code key} taken at {@code stampMillis}.
     *
     * @throws IllegalArgumentException if the stamp is negative
     */
    String toBackup(String key, long stampMillis) {
        if (stampMillis < 0) {
            throw new IllegalArgumentException("backup stamp must not be negative: " + stampMillis);
        }
        return backupHead + stampMillis + ':' + Keys.requireValid(key);
    }

    /**
     * Returns the backup that {@code storageKey} stands for, or null if it is not a backup in
     * this namespace.
     */
    Backup fromBackup(String storageKey) {
        if (!storageKey.startsWith(backupHead)) {
            return null;
        }
        int at = backupHead.length();
        long stamp = 0;
        int digits = 0;
        while (at < storageKey.length() && storageKey.charAt(at) >= '0' && storageKey.charAt(at) <= '9') {
            if (digits++ == 18) {
                return null;
            }
            stamp = stamp * 10 + (storageKey.charAt(at++) - '0');
        }
        boolean leadingZero = digits > 1 && storageKey.charAt(backupHead.length()) == '0';
        if (digits == 0 || leadingZero || at + 1 >= storageKey.length() || storageKey.charAt(at) != ':') {
            return null;
        }
        return new Backup(storageKey.substring(at + 1), stamp);
    }

    /** A backup's key and stamp. */
    record Backup(String key, long stampMillis) {
    }

    @Override
    public String toString() {
        return head;
    }
}
