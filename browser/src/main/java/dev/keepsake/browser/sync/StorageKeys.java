package dev.keepsake.browser.sync;

import dev.keepsake.core.backend.Keys;

/**
 * Where a manager's key ends up in the backend and in localStorage, for matching change
 * notifications against it.
 *
 * <p>This repeats core's (package-private) {@code KeyNamespace} encoding of a value key: the
 * configured prefix with {@code '\'}, {@code ':'} and {@code '!'} escaped by {@code '\'}, then
 * {@code ':'} and the key; {@code StorageKeysTest} checks it against a real manager so that a
 * change in core cannot go unnoticed. A {@link dev.keepsake.browser.storage.LocalStorageBackend}
 * then stores that backend key under its own {@code prefix + ":"}.
 */
final class StorageKeys {

    private StorageKeys() {
    }

    /**
     * Returns the backend key under which a manager configured with {@code keyPrefix} stores
     * {@code key}.
     *
     * @throws IllegalArgumentException if the prefix or key is empty or malformed
     */
    static String backendKey(String keyPrefix, String key) {
        Keys.requireValid(keyPrefix);
        Keys.requireValid(key);
        StringBuilder sb = new StringBuilder(keyPrefix.length() + key.length() + 2);
        for (int i = 0; i < keyPrefix.length(); i++) {
            char c = keyPrefix.charAt(i);
            if (c == '\\' || c == ':' || c == '!') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append(':').append(key).toString();
    }

    /** Returns the localStorage key of {@code backendKey} in a backend with prefix {@code storagePrefix}. */
    static String localStorageKey(String storagePrefix, String backendKey) {
        return storagePrefix + ':' + backendKey;
    }

    /**
     * Returns the name of the channel on which writes to an IndexedDB object store are
     * announced. The database name's length comes first so that no two (database, store) pairs
     * share a name ("a:b" + "c" differs from "a" + "b:c").
     */
    static String channelName(String database, String store) {
        return "keepsake:indexeddb:" + database.length() + ':' + database + ':' + store;
    }
}
