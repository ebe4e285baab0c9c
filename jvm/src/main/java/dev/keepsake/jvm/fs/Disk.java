package dev.keepsake.jvm.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * The file operations {@link FileSystemBackend} performs that can fail in ways worth testing.
 * Not final on purpose: tests subclass it to inject the {@link IOException}s that cannot be
 * provoked for real (a full disk, an I/O error, a denied permission when running as root).
 */
class Disk {

    /** Owner read and write only, on file systems that have POSIX permissions. */
    static final FileAttribute<?>[] OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];

    /**
     * The options a record is opened with: read-write, because opening a FIFO swapped in after
     * the type check blocks when read-only and returns at once read-write (its size is then 0);
     * never through a symbolic link. Nothing is ever written through the channel.
     */
    private static final Set<OpenOption> READ_WRITE_NO_FOLLOW =
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    /**
     * Creates {@code file}, which must not exist, owner-only, writes {@code data} to it and
     * forces it to disk.
     */
    void writeDurably(Path file, ByteBuffer[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY)) {
            for (ByteBuffer buffer : data) {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
    }

    /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
    void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forces the directory's entries (names created, renamed, deleted) to disk. */
    void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes {@code file} if it exists; returns whether it did. */
    boolean delete(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }

    /**
     * Returns the whole content of {@code file} if it is a regular file (a symbolic link is not
     * followed) of at most {@code maxBytes}.
     *
     * @throws UnexpectedFileException if it is anything else, or larger
     */
    byte[] read(Path file, long maxBytes) throws IOException {
        try (FileChannel channel = openRegular(file)) {
            return readAll(channel, maxBytes);
        }
    }

    /**
     * Returns the whole content of the file {@code name} in the directory {@code dir} is open on,
     * like {@link #read(Path, long)}, looking it up from the open directory: one path component
     * to resolve instead of the whole path, twice (its type, then the open).
     *
     * @throws UnexpectedFileException if it is not a regular file, or larger than {@code maxBytes}
     */
    byte[] read(SecureDirectoryStream<Path> dir, Path name, long maxBytes) throws IOException {
        BasicFileAttributes attributes = dir.getFileAttributeView(name, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes();
        requireRegular(attributes);
        SeekableByteChannel channel;
        try {
            channel = dir.newByteChannel(name, READ_WRITE_NO_FOLLOW);
        } catch (IOException e) {
            throw symbolicLinkOr(e);
        }
        try (channel) {
            return readAll(channel, maxBytes);
        }
    }

    private static byte[] readAll(SeekableByteChannel channel, long maxBytes) throws IOException {
        long size = channel.size();
        if (size > maxBytes) {
            throw new UnexpectedFileException("the file has " + size + " bytes, more than a record can hold ("
                    + maxBytes + ")");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // Reads until full or the end of a file that shrank meanwhile.
        }
        return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
    }

    /**
     * Opens {@code file} for reading if it is a regular file, without following a symbolic
     * link. The type is checked before opening; the open itself is read-write, because opening
     * a FIFO swapped in after the check blocks when read-only and returns at once read-write
     * (its size is then 0). Nothing is ever written through the channel.
     *
     * @throws UnexpectedFileException if {@code file} is a link, directory, FIFO, device or socket
     */
    static FileChannel openRegular(Path file) throws IOException {
        requireRegular(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        try {
            return FileChannel.open(file, READ_WRITE_NO_FOLLOW);
        } catch (IOException e) {
            throw symbolicLinkOr(e);
        }
    }

    private static void requireRegular(BasicFileAttributes attributes) throws UnexpectedFileException {
        if (!attributes.isRegularFile()) {
            throw new UnexpectedFileException(attributes.isSymbolicLink() ? "the file is a symbolic link"
                    : attributes.isDirectory() ? "the file is a directory"
                    : "the file is not a regular file (a FIFO, device or socket)");
        }
    }

    /** Returns {@code e}, or the typed refusal when a symbolic link swapped in made the open fail. */
    private static IOException symbolicLinkOr(IOException e) {
        if (e.getMessage() != null && e.getMessage().contains("symbolic link")) {
            return new UnexpectedFileException("the file is a symbolic link");
        }
        return e;
    }

    /** A file where a record should be is not one: a link, a special file, or too large. */
    static final class UnexpectedFileException extends IOException {
        private static final long serialVersionUID = 1L;

        UnexpectedFileException(String message) {
            super(message);
        }
    }
}
