package io.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSyscallsTest {

    @Test
    void recordsCallsAndTracksFds() throws Exception {
        FakeSyscalls sys = new FakeSyscalls();
        int[] pair = sys.socketPair();
        sys.close(pair[1]);
        sys.kill(42, 15);
        assertEquals(List.of("socketPair", "close", "kill"), sys.calls().stream().map(FakeSyscalls.Call::name).toList());
        assertEquals(List.of(42, 15), sys.calls("kill").get(0).args());
        assertEquals(java.util.Set.of(pair[0]), sys.openFds());
    }

    @Test
    void scriptedResultsThenDefaults() throws Exception {
        FakeSyscalls sys = new FakeSyscalls().script("spawn", 77).script("poll", 1);
        assertEquals(77, sys.spawn("/x", List.of(), List.of(), List.of()));
        assertTrue(sys.spawn("/x", List.of(), List.of(), List.of()) != 77);
        assertEquals(1, sys.poll(3, 1, 0));
        assertEquals(0, sys.poll(3, 1, 0));
        assertEquals(2, sys.spawned().size());
    }

    @Test
    void failsByNameOrByPosition() throws Exception {
        FakeSyscalls sys = new FakeSyscalls().failOn("kill", 3);
        ErrnoException e = assertThrows(ErrnoException.class, () -> sys.kill(1, 9));
        assertEquals(3, e.errno());
        sys.failAtCall(1, 1);
        sys.getpid();
        assertEquals(1, assertThrows(ErrnoException.class, () -> sys.open("/x", 0, 0)).errno());
        sys.open("/x", 0, 0);
    }
}
