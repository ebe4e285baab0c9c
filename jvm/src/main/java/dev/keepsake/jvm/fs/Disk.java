package dev.keepsake.jvm.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file operations {@link FileSystemBackend} performs that can fail in ways worth testing.
 * Not final on purpose: tests subclass it to inject the {@link IOException}s that cannot be
 * provoked for real (a full disk, an I/O error, a denied permission when running as root).
 */
class Disk {

    /** Creates {@code file}, which must not exist, writes {@code data} to it and forces it to disk. */
    void writeDurably(Path file, ByteBuffer[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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

    /** Returns the whole content of {@code file}. */
    byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
