package dev.keepsake.browser.sync;

/**
 * Where a manager's backend key ({@link dev.keepsake.core.manager.PersistenceConfig#storageKey})
 * ends up in localStorage, and the channel on which IndexedDB writes are announced, for
 * matching change notifications against them. A
 * {@link dev.keepsake.browser.storage.LocalStorageBackend} stores a backend key under its own
 * {@code prefix + ":"}.
 */
final class StorageKeys {

    private StorageKeys() {
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

    /**
     * Returns the prefix of the journal keys of an IndexedDB object store
     * ({@link JournaledBackend}): both names' lengths come first, so that no two (database,
     * store, key) triples share a journal key.
     */
    static String journalNamespace(String database, String store) {
        return database.length() + ":" + database + store.length() + ':' + store + ':';
    }
}
