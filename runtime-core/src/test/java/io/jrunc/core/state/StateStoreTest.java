package io.jrunc.core.state;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.JruncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir Path tmp;

    private static ContainerRecord record(String id) {
        return new ContainerRecord("1.2.0", id, 42, 1000, "/b", "/b/rootfs", "2026-11-23T00:00:00Z", "",
                Map.of("a", "b"), Map.of("memory", "/sys/fs/cgroup/memory/" + id), Map.of("pid", "/proc/42/ns/pid"), false);
    }

    @Test
    void saveLoadRoundTrip() throws Exception {
        StateStore store = new StateStore(tmp.resolve("root"));
        store.reserve("c1");
        store.save(record("c1"));
        assertEquals(record("c1"), store.load("c1"));
        assertEquals(List.of("c1"), store.ids());
        assertFalse(Files.exists(store.dir("c1").resolve("state.json.tmp")));
    }

    @Test
    void unknownIdDoesNotExist() {
        StateStore store = new StateStore(tmp);
        JruncException e = assertThrows(JruncException.class, () -> store.load("nope"));
        assertEquals("container does not exist", e.getMessage());
    }

    @Test
    void secondReserveOfAnIdFails() throws Exception {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        JruncException e = assertThrows(JruncException.class, () -> store.reserve("c1"));
        assertEquals("container with id exists: c1", e.getMessage());
    }

    @Test
    void concurrentReservesHaveExactlyOneWinner() throws Exception {
        StateStore store = new StateStore(tmp);
        var pool = Executors.newFixedThreadPool(8);
        Callable<Boolean> attempt = () -> {
            try {
                store.reserve("race");
                return true;
            } catch (JruncException e) {
                return false;
            }
        };
        List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(16, attempt));
        pool.shutdown();
        long winners = 0;
        for (Future<Boolean> f : results) if (f.get()) winners++;
        assertEquals(1, winners);
    }

    @Test
    void idsSkipHalfCreatedContainers() throws Exception {
        StateStore store = new StateStore(tmp);
        store.reserve("half");
        store.reserve("whole");
        store.save(record("whole"));
        assertEquals(List.of("whole"), store.ids());
        store.remove("whole");
        assertFalse(Files.exists(store.dir("whole")));
    }

    @Test
    void idsAreChecked() throws Exception {
        assertEquals("ok_id-1.2+x", ContainerId.check("ok_id-1.2+x"));
        for (String bad : List.of("", "a/b", "..", ".", "../x", "/abs", "sp ace", "new\nline")) {
            assertThrows(JruncException.class, () -> ContainerId.check(bad), bad);
        }
    }

    @Test
    void procStatOfOurselvesIsAlive() {
        int self = (int) ProcessHandle.current().pid();
        ProcStat s = ProcStat.of(self);
        assertNotNull(s);
        assertTrue(ProcStat.isOurs(self, s.startTime()));
        assertFalse(ProcStat.isOurs(self, s.startTime() + 1), "another start time means another process");
        assertNull(ProcStat.of(-1));
    }
}
