package dev.keepsake.core.error;

/**
 * The stored bytes failed their integrity check: truncated, a flipped bit, written by
 * something else, an unknown format version, or (when encrypted) a wrong key or a value moved
 * from another key. A corrupted value is never returned as data.
 *
 * <p>Next step: restore a backup (the manager can do this) or start from the initial value;
 * the corrupted copy may be kept for inspection.
 */
public final class CorruptedDataException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key concerned, or null
     * @param problem what went wrong, in a few words
     * @param cause the underlying failure, or null
     */
    public CorruptedDataException(String backend, String key, String problem, Throwable cause) {
        super(backend, key, problem, cause);
    }

    @Override
    public String code() {
        return "CORRUPTED_DATA";
    }
}
