package dev.keepsake.core.store;

/**
 * What a store did when its write met a newer value that another writer (a tab, a process)
 * had stored since the store read it: instead of overwriting it, the store re-applied its
 * unsaved changes to it ({@code update} functions run again, {@code set} values go through the
 * store's {@link PersistentStore.Merge}) and saved the result, which is now its value.
 *
 * @param key the store's key
 * @param local the store's value before the rebase
 * @param remote the newer stored value (the initial value if the other writer's entry is gone)
 * @param resolved the value the store now has and saves: the unsaved changes applied to {@code remote}
 * @param <T> the type of the value
 */
public record Conflict<T>(String key, T local, T remote, T resolved) {
}
