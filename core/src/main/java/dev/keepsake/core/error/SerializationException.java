package dev.keepsake.core.error;

/**
 * A value could not be encoded, or decoded bytes did not fit the codec's description of the
 * value (a missing field, a wrong type, malformed JSON). The bytes themselves passed their
 * integrity check, so this is a schema or codec problem, not storage damage.
 *
 * <p>Next step: fix the codec, or add a migration for data written by an older version.
 */
public final class SerializationException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param backend the backend's name, or null
     * @param key the key concerned, or null
     * @param problem what went wrong, in a few words
     * @param cause the underlying failure, or null
     */
    public SerializationException(String backend, String key, String problem, Throwable cause) {
        super(backend, key, problem, cause);
    }

    @Override
    public String code() {
        return "SERIALIZATION_FAILED";
    }
}
