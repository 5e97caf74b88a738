package io.jrunc.cli.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket directory is the planner's only guard besides SO_PEERCRED: the uid's own, 0700, a real directory. */
class SocketDirectoryTest {
    private static final int UID = Syscalls.linux().geteuid();

    @TempDir Path tmp;

    @Test
    void aMissingDirectoryIsMade0700() throws IOException {
        Path dir = tmp.resolve("jrunc");
        SocketDirectory.ensure(dir, UID);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        SocketDirectory.ensure(dir, UID); // and is accepted the next time
    }

    @Test
    void groupOrOtherBitsAreRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        IOException e = assertThrows(IOException.class, () -> SocketDirectory.ensure(dir, UID));
        assertEquals(dir + " has mode 750, not 0700", e.getMessage());
    }

    @Test
    void anotherUidsDirectoryIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("theirs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int other = UID + 4242;
        IOException e = assertThrows(IOException.class, () -> SocketDirectory.ensure(dir, other));
        assertEquals(dir + " belongs to uid " + UID + ", not " + other, e.getMessage());
    }

    @Test
    void aSymlinkOrAFileIsRefused() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertEquals(link + " is not a directory", assertThrows(IOException.class, () -> SocketDirectory.ensure(link, UID)).getMessage());
        Path file = Files.writeString(tmp.resolve("file"), "");
        assertEquals(file + " is not a directory", assertThrows(IOException.class, () -> SocketDirectory.ensure(file, UID)).getMessage());
    }

    @Test
    void aFreeLockIsTakenAtOnce() throws IOException {
        try (FileLock lock = SocketDirectory.awaitLock(tmp.resolve("p.lock"), tmp.resolve("p.sock"), Duration.ofSeconds(5))) {
            assertNotNull(lock);
            assertTrue(lock.isValid() && !lock.isShared(), "an exclusive lock");
        }
    }
}
