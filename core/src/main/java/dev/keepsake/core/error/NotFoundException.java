package dev.keepsake.core.error;

/**
 * No value is stored under the key. Nothing is wrong with the storage.
 *
 * <p>Next step: use a default value. {@link #key()} names the key that was looked up.
 */
public final class NotFoundException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key concerned, or null
     * @param problem what went wrong, in a few words
     * @param cause the underlying failure, or null
     */
    public NotFoundException(String backend, String key, String problem, Throwable cause) {
        super(backend, key, problem, cause);
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
