package dev.atelier.bootstrap.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes one process at a time the owner of a data directory. The operating system releases the lock when
 * its process ends, however it ends, so whatever runs on the directory without the lock's owner (a database
 * server left behind by a killed service) was left over by a process that is gone.
 */
final class DataDirectoryLock implements AutoCloseable {

    /** Holds the lock: closing the channel releases it. */
    private final FileChannel channel;

    private DataDirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve("atelier.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (!locked(channel)) {
                throw new IllegalStateException("another Atelier is using the data directory " + dataDir
                        + "; stop it, or set ATELIER_DATA_DIR to another directory");
            }
            return new DataDirectoryLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the data directory " + dataDir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** False when another process holds the lock, or another service in this process. */
    private static boolean locked(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException heldInThisProcess) {
            return false;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock is released with the channel either way
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
