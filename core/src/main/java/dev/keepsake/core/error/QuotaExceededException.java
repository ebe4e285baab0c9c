package dev.keepsake.core.error;

/**
 * The storage is full: the browser's quota, or the disk. The write did not take effect and
 * the previous value under the key is intact.
 *
 * <p>Next step: free space (delete or clear keys that are no longer needed, shrink values with
 * compression) and retry; or tell the user.
 */
public final class QuotaExceededException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key concerned, or null
     * @param problem what went wrong, in a few words
     * @param cause the underlying failure, or null
     */
    public QuotaExceededException(String backend, String key, String problem, Throwable cause) {
        super(backend, key, problem, cause);
    }

    @Override
    public String code() {
        return "QUOTA_EXCEEDED";
    }
}
