package dev.keepsake.core.error;

/**
 * The platform refused access: file permissions, a read-only location, a browser setting that
 * blocks storage for this site. Nothing was changed.
 *
 * <p>Next step: choose another location or ask the user to grant access; retrying the same
 * operation will fail again.
 */
public final class AccessDeniedException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key concerned, or null
     * @param problem what went wrong, in a few words
     * @param cause the underlying failure, or null
     */
    public AccessDeniedException(String backend, String key, String problem, Throwable cause) {
        super(backend, key, problem, cause);
    }

    @Override
    public String code() {
        return "ACCESS_DENIED";
    }
}
