package dev.keepsake.jvm.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;

/**
 * A real {@link Disk} that fails on demand: the n-th call of an operation throws a given
 * {@link IOException}, standing in for what cannot be provoked for real in a test running as
 * root on a roomy disk (a full disk, a denied permission, an I/O error). A failing write first
 * writes half of its bytes, as a real full disk does, so the clean-up is exercised too.
 */
final class FaultyDisk extends Disk {

    private IOException writeFault;
    private int writeFaultAt = -1;
    private int writes;
    private String writeFaultKey;
    private int writeFaultLength = -1;
    private IOException renameFault;
    private int renameFaultAt = -1;
    private int renames;
    private volatile IOException syncFault;
    private volatile IOException readFault;

    /** Makes the durable write of {@code key}'s record fail with {@code fault}. */
    synchronized FaultyDisk failWriteOf(String key, IOException fault) {
        writeFault = fault;
        writeFaultKey = key;
        return this;
    }

    /** Makes every durable write of a value of {@code length} bytes under {@code key} fail with {@code fault}. */
    synchronized FaultyDisk failWritesOf(String key, int length, IOException fault) {
        writeFault = fault;
        writeFaultKey = key;
        writeFaultLength = length;
        return this;
    }

    /** Makes the {@code index}-th (0-based, counted from now) durable write fail with {@code fault}. */
    synchronized FaultyDisk failWrite(int index, IOException fault) {
        writeFault = fault;
        writeFaultAt = writes + index;
        return this;
    }

    /** Makes the {@code index}-th (0-based, counted from now) rename fail with {@code fault}. */
    synchronized FaultyDisk failRename(int index, IOException fault) {
        renameFault = fault;
        renameFaultAt = renames + index;
        return this;
    }

    /** Makes every directory sync fail with {@code fault}, or none when null. */
    synchronized FaultyDisk failSync(IOException fault) {
        syncFault = fault;
        return this;
    }

    /** Makes every read fail with {@code fault}, or none when null. */
    synchronized FaultyDisk failRead(IOException fault) {
        readFault = fault;
        return this;
    }

    /** Batches write their temporary files on several threads at once, hence the lock. */
    private synchronized boolean writeFails(ByteBuffer[] data) {
        if (writeFaultKey != null) {
            ByteBuffer head = data[0].duplicate();
            byte[] bytes = new byte[head.remaining()];
            head.get(bytes);
            return writeFaultKey.equals(FileRecord.keyInHeader(bytes, Long.MAX_VALUE))
                    && (writeFaultLength < 0 || data[1].remaining() == writeFaultLength);
        }
        return writes++ == writeFaultAt;
    }

    private synchronized boolean renameFails() {
        return renames++ == renameFaultAt;
    }

    @Override
    void writeDurably(Path file, ByteBuffer[] data) throws IOException {
        if (writeFails(data)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer first = data[0];
                first.limit(first.limit() / 2);
                channel.write(first);
            }
            throw writeFault;
        }
        super.writeDurably(file, data);
    }

    @Override
    void rename(Path from, Path to) throws IOException {
        if (renameFails()) {
            throw renameFault;
        }
        super.rename(from, to);
    }

    @Override
    void syncDirectory(Path dir) throws IOException {
        if (syncFault != null) {
            throw syncFault;
        }
        super.syncDirectory(dir);
    }

    @Override
    byte[] read(Path file, long maxBytes) throws IOException {
        if (readFault != null) {
            throw readFault;
        }
        return super.read(file, maxBytes);
    }

    @Override
    byte[] read(SecureDirectoryStream<Path> dir, Path name, long maxBytes) throws IOException {
        if (readFault != null) {
            throw readFault;
        }
        return super.read(dir, name, maxBytes);
    }
}
