package dev.keepsake.browser.crypto;

/**
 * WebCrypto rejected an operation: the {@code DOMException}'s name ({@code OperationError} when
 * authentication fails) and message. Deliberately not a {@code PersistenceException}: the
 * envelope wraps it in one that names the key, a {@code CorruptedDataException} when opening.
 */
final class WebCryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String domName;

    WebCryptoException(String operation, String domName, String message) {
        super(operation + " failed: " + domName + (message.isEmpty() ? "" : ": " + message));
        this.domName = domName;
    }

    /** Returns the name of the {@code DOMException}, such as {@code "OperationError"}. */
    String domName() {
        return domName;
    }
}
