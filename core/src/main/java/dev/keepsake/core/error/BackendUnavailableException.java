package dev.keepsake.core.error;

/**
 * The storage cannot be used at all: it is missing on this platform (no {@code indexedDB}),
 * was refused (a sandboxed frame), was closed, or its location does not exist.
 *
 * <p>Next step: fall back to another backend, for example memory, and tell the user that
 * data will not survive a restart. Retrying the same backend rarely helps.
 */
public final class BackendUnavailableException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key concerned, or null
     * @param problem what went wrong, in a few words
     * @param cause the underlying failure, or null
     */
    public BackendUnavailableException(String backend, String key, String problem, Throwable cause) {
        super(backend, key, problem, cause);
    }

    @Override
    public String code() {
        return "BACKEND_UNAVAILABLE";
    }
}
