package io.jrunc.core.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.FakeSyscalls;
import io.jrunc.sys.Syscalls.FdMapping;
import io.jrunc.sys.Syscalls.WaitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cold path's way to start jrunc-init (the planner has the front end do it instead): a sealed copy,
 * argv "jrunc-init FD PPID" with FD just above the preserved fds, and no fd of ours left behind.
 */
class SealedSpawnTest {
    private static final int EAGAIN = 11, ECHILD = 10;

    @TempDir Path tmp;

    private Path helper() throws Exception {
        return Files.write(tmp.resolve("jrunc-init"), new byte[] {0x7f, 'E', 'L', 'F'});
    }

    @Test
    void theHelpersSocketLandsJustAboveThePreservedFds() throws Exception {
        FakeSyscalls sys = new FakeSyscalls();
        HelperStart.Started started = new SealedSpawn(sys, helper()).start(2);

        FakeSyscalls.Call spawn = sys.calls("spawn").getFirst();
        assertEquals(List.of("jrunc-init", "5", Integer.toString(sys.getpid())), spawn.args().get(1));
        assertEquals(List.of(), spawn.args().get(2), "an empty environment");
        List<?> fds = (List<?>) spawn.args().get(3);
        assertEquals(List.of(new FdMapping(3, 3), new FdMapping(4, 4)), fds.subList(0, 2), "preserved fds stay where they are");
        FdMapping childEnd = (FdMapping) fds.get(2);
        assertEquals(5, childEnd.childFd());
        assertEquals(3, fds.size());
        assertEquals(sys.spawned().getFirst(), started.pid());
        assertEquals(Set.of(started.socket()), sys.openFds(), "only our end of the socketpair stays open: the child's end and the memfd are closed");
        assertTrue(childEnd.parentFd() != started.socket(), "the child gets the other end");
        assertTrue(sys.calls("close").stream().anyMatch(c -> c.args().equals(List.of(childEnd.parentFd()))), "the child's end is closed in the parent");
    }

    @Test
    void withoutPreservedFdsTheSocketIsFdThree() throws Exception {
        FakeSyscalls sys = new FakeSyscalls();
        HelperStart.Started started = new SealedSpawn(sys, helper()).start(0);
        assertEquals("3", ((List<?>) sys.calls("spawn").getFirst().args().get(1)).get(1));
        List<?> fds = (List<?>) sys.calls("spawn").getFirst().args().get(3);
        assertEquals(1, fds.size());
        assertEquals(3, ((FdMapping) fds.getFirst()).childFd());
        assertTrue(((FdMapping) fds.getFirst()).parentFd() != started.socket(), "the child gets the other end");
    }

    @Test
    void aFailedSpawnLeavesNoFdOpen() throws Exception {
        FakeSyscalls sys = new FakeSyscalls().failOn("spawn", EAGAIN);
        ErrnoException e = assertThrows(ErrnoException.class, () -> new SealedSpawn(sys, helper()).start(1));
        assertEquals(EAGAIN, e.errno());
        assertEquals(Set.of(), sys.openFds());
        assertEquals(List.of(), sys.spawned());
    }

    @Test
    void reapWaitsForTheHelperAndToleratesOneAlreadyReaped() throws Exception {
        FakeSyscalls sys = new FakeSyscalls().script("waitpid", new WaitStatus(77, 3 << 8));
        SealedSpawn spawn = new SealedSpawn(sys, helper());
        assertEquals(new WaitStatus(77, 3 << 8), spawn.reap(77));
        sys.failOn("waitpid", ECHILD);
        assertNull(spawn.reap(77));
    }
}
