package dev.keepsake.browser.compress;

/**
 * A compression stream failed: malformed, truncated or trailing input, or output beyond the
 * caller's limit. Deliberately not a {@code PersistenceException}: the envelope wraps it in
 * one that names the key, a {@code CorruptedDataException} when opening.
 */
final class CompressionStreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CompressionStreamException(String message) {
        super(message);
    }
}
