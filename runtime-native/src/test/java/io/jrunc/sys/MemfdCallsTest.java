package io.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.sys.Syscalls.MemfdFlags;
import io.jrunc.sys.Syscalls.Seals;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemfdCallsTest {
    private static final int EPERM = 1;
    private final Syscalls sys = Syscalls.linux();

    @Test
    void sealedMemfdRefusesWritesAndFurtherSeals() throws Exception {
        int fd = sys.memfdCreate("jrunc-test", MemfdFlags.MFD_CLOEXEC | MemfdFlags.MFD_ALLOW_SEALING);
        try {
            sys.writeFully(fd, "abc".getBytes());
            assertEquals(0, sys.seals(fd));
            int all = Seals.F_SEAL_SEAL | Seals.F_SEAL_SHRINK | Seals.F_SEAL_GROW | Seals.F_SEAL_WRITE;
            sys.addSeals(fd, all);
            assertEquals(all, sys.seals(fd));
            assertEquals(EPERM, assertThrows(ErrnoException.class, () -> sys.writeFully(fd, new byte[] {1})).errno());
            assertEquals(EPERM, assertThrows(ErrnoException.class, () -> sys.addSeals(fd, 0)).errno());
            Path self = Path.of("/proc/self/fd/" + fd);
            assertEquals("abc", Files.readString(self));
            assertTrue(Files.readSymbolicLink(self).toString().startsWith("/memfd:jrunc-test"));
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void memfdWithoutSealingCannotBeSealed() throws Exception {
        int fd = sys.memfdCreate("jrunc-test", MemfdFlags.MFD_CLOEXEC);
        try {
            assertEquals(EPERM, assertThrows(ErrnoException.class, () -> sys.addSeals(fd, Seals.F_SEAL_WRITE)).errno());
        } finally {
            sys.close(fd);
        }
    }
}
