package dev.keepsake.core.error;

/**
 * Reading failed for a reason that is probably passing: an I/O error, a transaction aborted
 * by the platform. The stored data may well be intact.
 *
 * <p>Next step: retry later; if it persists, report it. Corrupted bytes are reported as
 * {@link CorruptedDataException} instead, never as this.
 */
public final class ReadFailedException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key concerned, or null
     * @param problem what went wrong, in a few words
     * @param cause the underlying failure, or null
     */
    public ReadFailedException(String backend, String key, String problem, Throwable cause) {
        super(backend, key, problem, cause);
    }

    @Override
    public String code() {
        return "READ_FAILED";
    }
}
