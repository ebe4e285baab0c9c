package dev.keepsake.core.error;

/**
 * A conditional write found another version under its key than the one it expected: another
 * writer (a tab, a process, a device) changed the entry since it was read. Nothing in the batch
 * was applied.
 *
 * <p>Next step: read the entry again ({@link dev.keepsake.core.backend.StorageBackend#loadVersioned}),
 * re-apply the change to the newer value, and write conditionally on {@link #currentVersion()}.
 */
public final class ConflictException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    private final long expectedVersion;
    private final long currentVersion;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key whose version did not match
     * @param expectedVersion the version the write expected
     * @param currentVersion the version found ({@code Versioned.ABSENT} when there was no entry)
     */
    public ConflictException(String backend, String key, long expectedVersion, long currentVersion) {
        super(backend, key, "expected version " + expectedVersion + " but found " + currentVersion, null);
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    /** Returns the version the write expected. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** Returns the version stored when the write was refused; {@code Versioned.ABSENT} if none. */
    public long currentVersion() {
        return currentVersion;
    }

    @Override
    public String code() {
        return "CONFLICT";
    }
}
