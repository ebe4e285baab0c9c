package dev.keepsake.core.store;

/** Where a {@link PersistentStore} is in loading its stored value. */
public enum Hydration {
    /** The stored value is being read; {@link PersistentStore#get()} returns the initial value. */
    HYDRATING,
    /** The stored value (or the initial one, if nothing was stored) is in place. */
    READY,
    /**
     * The stored value could not be used; the store runs on its initial value and
     * {@link PersistentStore#hydrationError()} says why.
     */
    FAILED
}
