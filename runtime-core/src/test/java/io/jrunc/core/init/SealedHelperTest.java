package io.jrunc.core.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.JruncException;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed copy the helper is spawned from (the CVE-2019-5736 class): same bytes, sealed, executable. */
class SealedHelperTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    private static final Path TRUE = Path.of("/bin/true");

    @Test
    void copyHasTheSameBytesAndEverySeal() throws Exception {
        try (SealedHelper sealed = SealedHelper.copyOf(sys, TRUE)) {
            Path path = Path.of(sealed.execPath());
            assertArrayEquals(Files.readAllBytes(TRUE), Files.readAllBytes(path));
            assertTrue(Files.readSymbolicLink(path).toString().startsWith("/memfd:" + SealedHelper.NAME), path.toString());
            int fd = Integer.parseInt(path.getFileName().toString());
            assertEquals(SealedHelper.SEALS, sys.seals(fd) & SealedHelper.SEALS);
            ErrnoException write = assertThrows(ErrnoException.class, () -> sys.writeFully(fd, new byte[] {1}));
            assertEquals(1, write.errno(), "EPERM: sealed against writes");
            assertThrows(ErrnoException.class, () -> sys.addSeals(fd, 0), "the seals themselves are sealed");
        }
    }

    /** Spawning the copy works although our memfd fd is open for writing (no ETXTBSY), and the child runs it. */
    @Test
    void copyCanBeSpawned() throws Exception {
        try (SealedHelper sealed = SealedHelper.copyOf(sys, TRUE)) {
            int pid = sys.spawn(sealed.execPath(), List.of("true"), List.of(), List.of());
            Syscalls.WaitStatus st = sys.waitpid(pid, 0);
            assertTrue(st.exited() && st.exitCode() == 0, "exit " + st.raw());
        }
    }

    @Test
    void missingBinaryIsAClearError() {
        JruncException e = assertThrows(JruncException.class, () -> SealedHelper.copyOf(sys, tmp.resolve("nope")));
        assertTrue(e.getMessage().startsWith("cannot read jrunc-init"), e.getMessage());
    }
}
