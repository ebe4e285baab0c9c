/**
 * {@link dev.keepsake.jvm.fs.FileSystemBackend}: one file per key in a locked directory,
 * written crash-safely (temporary file, fsync, atomic rename), with key-to-file-name mapping
 * ({@code FileNames}), the record format ({@code FileRecord}), the directory lock
 * ({@code DirectoryLock}) and I/O failure translation ({@code IoFailures}) in classes of their
 * own.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.error,
 * dev.keepsake.core.format, dev.keepsake.jvm.internal.
 */
package dev.keepsake.jvm.fs;
