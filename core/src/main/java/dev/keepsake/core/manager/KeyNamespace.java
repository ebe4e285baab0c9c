package dev.keepsake.core.manager;

import dev.keepsake.core.backend.Keys;

/**
 * Maps a manager's keys into the backend's key space under its prefix, so that managers with
 * different prefixes can share one backend without ever seeing each other's keys.
 *
 * <p>Encoding: the prefix with every {@code '\'} and {@code ':'} escaped by a {@code '\'},
 * then {@code ':'}, then the key unchanged. The escaped prefix is a prefix-free code (it ends
 * at its first unescaped {@code ':'}), so the mapping is injective across all prefixes and
 * keys: prefixes {@code "a"} and {@code "a:b"} give {@code "a:b:x"} and {@code "a\:b:x"}.
 * Typical keys stay readable: {@code "keepsake:todos"}.
 */
final class KeyNamespace {

    private final String head;

    KeyNamespace(String prefix) {
        Keys.requireValid(prefix);
        StringBuilder sb = new StringBuilder(prefix.length() + 1);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '\\' || c == ':') {
                sb.append('\\');
            }
            sb.append(c);
        }
        this.head = sb.append(':').toString();
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

    @Override
    public String toString() {
        return head;
    }
}
