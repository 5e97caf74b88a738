package io.jrunc.cli.planner;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The planner's directory and its lock. The directory is the socket's only protection besides
 * SO_PEERCRED: it must be the uid's own and closed to everyone else (0700), exactly what the front
 * end checks before it connects (docs/planner-protocol.md).
 */
final class SocketDirectory {
    private SocketDirectory() {}

    /** Creates {@code dir} 0700 if missing; fails unless it is a real directory of {@code uid} with no group or other bits. */
    static void ensure(Path dir, int uid) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException checkedBelow) {
            // checked below like a new one
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new IOException(dir + " is not a directory");
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if (owner != uid) throw new IOException(dir + " belongs to uid " + owner + ", not " + uid);
        if ((mode & 077) != 0) throw new IOException(dir + " has mode " + Integer.toOctalString(mode & 07777) + ", not 0700");
    }

    /**
     * The planner lock, waiting up to {@code wait} for a planner that retires to let it go; null
     * when another planner serves: it holds the lock and its socket is there.
     */
    static FileLock awaitLock(Path lockFile, Path socket, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            FileLock lock = lock(lockFile);
            if (lock != null) return lock;
            // A retiring planner removes its socket first: a socket still there is a live one.
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) || System.nanoTime() > deadline) return null;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return null;
            }
        }
    }

    /** An exclusive lock on {@code lockFile}, held for the life of the process; null when another holds it. */
    static FileLock lock(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) channel.close();
        return lock;
    }
}
