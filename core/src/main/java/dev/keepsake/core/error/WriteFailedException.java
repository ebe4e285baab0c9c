package dev.keepsake.core.error;

/**
 * Writing failed for a reason other than a full disk or a refusal: an I/O error, an aborted
 * transaction. The write did not take effect and the previous value is intact.
 *
 * <p>Next step: retry (the manager's error strategy does this), or keep the value in memory
 * and report. Full storage is {@link QuotaExceededException}, refusals
 * {@link AccessDeniedException}.
 */
public final class WriteFailedException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key concerned, or null
     * @param problem what went wrong, in a few words
     * @param cause the underlying failure, or null
     */
    public WriteFailedException(String backend, String key, String problem, Throwable cause) {
        super(backend, key, problem, cause);
    }

    @Override
    public String code() {
        return "WRITE_FAILED";
    }
}
