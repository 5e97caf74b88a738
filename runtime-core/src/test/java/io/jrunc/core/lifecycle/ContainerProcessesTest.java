package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.JruncException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ps(1) output cut to the container's processes, as runc does it. */
class ContainerProcessesTest {
    private static final String PS_EF = """
            UID          PID    PPID  C STIME TTY          TIME CMD
            root           1       0  0 10:00 ?        00:00:01 /sbin/init
            root        5368       1  0 11:29 ?        00:00:00 sleep 1000
            root        5400    5368  0 11:29 ?        00:00:00 sh -c x
            """;

    @Test
    void keepsTheHeaderAndTheContainersLines() throws Exception {
        assertEquals("""
                UID          PID    PPID  C STIME TTY          TIME CMD
                root        5368       1  0 11:29 ?        00:00:00 sleep 1000
                root        5400    5368  0 11:29 ?        00:00:00 sh -c x
                """, ContainerProcesses.filter(PS_EF, List.of(5368, 5400)));
    }

    @Test
    void findsThePidColumnWhereverItIs() throws Exception {
        assertEquals("COMMAND    PID\nsleep     5368\n", ContainerProcesses.filter("COMMAND    PID\nsleep     5368\ninit     1\n", List.of(5368)));
    }

    @Test
    void withoutAPidColumnItSaysSoLikeRunc() {
        assertEquals("couldn't find PID field in ps output",
                assertThrows(JruncException.class, () -> ContainerProcesses.filter("COMMAND\nsleep\n", List.of(1))).getMessage());
    }

    @Test
    void updateTakesRuncsFieldsOnly() {
        var r = new io.jrunc.spec.Resources(null, new io.jrunc.spec.Memory(-1L, null, null, 1L, null, 10L, true, false, null),
                null, new io.jrunc.spec.Pids(5L), null, List.of(new io.jrunc.spec.HugepageLimit("2MB", 1)), null, null, null);
        var u = UpdateContainer.updatable(r);
        assertEquals(-1L, u.memory().swap(), "unlimited memory with swap left out: unlimited swap");
        assertNull(u.memory().swappiness());
        assertNull(u.memory().disableOOMKiller());
        assertNull(u.hugepageLimits());
        assertEquals(5L, u.pids().limit());
    }
}
