package dev.keepsake.core.compress;

/**
 * The bytes given to the LZ4 decoder are not a valid LZ4 block of the expected
 * length: truncated, a sequence pointing before the start of the output or past its end, or a
 * block that decodes to a different length. Nothing is returned for such input.
 *
 * <p>It extends {@link IllegalArgumentException} because the fault lies in the argument; callers
 * that read stored data should catch this type and report the data as corrupted.
 */
public final class Lz4FormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Lz4FormatException(String message) {
        super(message);
    }
}
