package dev.keepsake.core.error;

/**
 * The root of every failure Keepsake reports about stored data: one sealed, unchecked
 * hierarchy with a subtype per thing the caller does next.
 *
 * <table>
 *   <caption>What to do about each subtype</caption>
 *   <tr><th>subtype</th><th>meaning</th><th>caller's next step</th></tr>
 *   <tr><td>{@link BackendUnavailableException}</td><td>the storage cannot be used at all</td>
 *       <td>fall back to another backend (memory) or tell the user</td></tr>
 *   <tr><td>{@link NotFoundException}</td><td>no value under the key</td>
 *       <td>use a default; nothing is wrong</td></tr>
 *   <tr><td>{@link ReadFailedException}</td><td>an I/O error while reading</td>
 *       <td>retry later; the data may be fine</td></tr>
 *   <tr><td>{@link WriteFailedException}</td><td>an I/O error while writing; the previous value
 *       is intact</td><td>retry, or keep the value in memory and report</td></tr>
 *   <tr><td>{@link CorruptedDataException}</td><td>stored bytes failed their check</td>
 *       <td>restore a backup or start from the initial value</td></tr>
 *   <tr><td>{@link SerializationException}</td><td>a value could not be encoded or decoded by
 *       its codec</td><td>fix the codec or migrate the schema</td></tr>
 *   <tr><td>{@link QuotaExceededException}</td><td>the storage is full; the previous value is
 *       intact</td><td>free space (delete, clear old keys) and retry</td></tr>
 *   <tr><td>{@link AccessDeniedException}</td><td>the platform refused access (permissions,
 *       private mode)</td><td>ask for permission or use another location</td></tr>
 *   <tr><td>{@link ConflictException}</td><td>a conditional write met another version; nothing
 *       was applied</td><td>read the newer value, re-apply the change, write again</td></tr>
 * </table>
 *
 * <p>Messages name the backend and, where there is one, the key. Causes are kept. Misuse of
 * the API (a null key, a closed manager) is reported with the JDK's own exceptions instead.
 */
public abstract sealed class PersistenceException extends RuntimeException
        permits BackendUnavailableException, NotFoundException, ReadFailedException,
                WriteFailedException, CorruptedDataException, SerializationException,
                QuotaExceededException, AccessDeniedException, ConflictException {

    private static final long serialVersionUID = 1L;

    private final String backend;
    private final String key;
    private final String problem;

    PersistenceException(String backend, String key, String problem, Throwable cause) {
        super(describe(backend, key, problem), cause);
        this.backend = backend;
        this.key = key;
        this.problem = problem;
    }

    /** Returns the name of the backend that reported the failure, or null if none was involved. */
    public final String backend() {
        return backend;
    }

    /** Returns the key the failure concerns, or null if it concerns no single key. */
    public final String key() {
        return key;
    }

    /**
     * Returns what went wrong, without the backend name and key that {@link #getMessage()}
     * adds; for reporting the same problem with more context.
     */
    public final String problem() {
        return problem;
    }

    /**
     * Returns a stable, short code for this kind of failure (for example {@code "NOT_FOUND"}),
     * suitable for logs and for the JavaScript API's {@code error.code}.
     */
    public abstract String code();

    private static String describe(String backend, String key, String problem) {
        StringBuilder sb = new StringBuilder();
        if (backend != null) {
            sb.append(backend).append(": ");
        }
        sb.append(problem);
        if (key != null) {
            sb.append(" (key ");
            quoteInto(sb, key);
            sb.append(')');
        }
        return sb.toString();
    }

    /** Quotes a key for a message: printable as is, control characters and quotes escaped. */
    private static void quoteInto(StringBuilder sb, String key) {
        sb.append('"');
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
