package dev.keepsake.jvm.fs;

import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.ReadFailedException;
import dev.keepsake.core.error.WriteFailedException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Translates the JDK's {@link IOException}s into Keepsake's typed failures. The JDK reports
 * most errno values only as message text ({@code strerror}), so the text is what we match.
 */
final class IoFailures {

    private IoFailures() {
    }

    /** Returns the typed failure for {@code e}, raised while reading or writing {@code key}. */
    static PersistenceException map(String backend, String key, boolean writing, Path dir, IOException e) {
        String reason = reasonOf(e);
        if (e instanceof java.nio.file.AccessDeniedException
                || contains(reason, "Permission denied")
                || contains(reason, "Operation not permitted")
                || contains(reason, "Read-only file system")) {
            return new AccessDeniedException(backend, key, "access denied: " + reason, e);
        }
        if (contains(reason, "No space left on device") || contains(reason, "Disk quota exceeded")
                || contains(reason, "There is not enough space on the disk")) {
            return new QuotaExceededException(backend, key, "disk full: " + reason, e);
        }
        if (e instanceof NoSuchFileException && !Files.isDirectory(dir)) {
            return new BackendUnavailableException(backend, key, "directory " + dir + " no longer exists", e);
        }
        if (writing) {
            return new WriteFailedException(backend, key, "write failed: " + e, e);
        }
        return new ReadFailedException(backend, key, "read failed: " + e, e);
    }

    private static String reasonOf(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean contains(String text, String part) {
        return text != null && text.contains(part);
    }
}
