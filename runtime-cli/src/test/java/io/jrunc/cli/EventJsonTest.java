package io.jrunc.cli;

import io.jrunc.sys.Syscalls;
import io.jrunc.core.cgroup.driver.CgroupDrivers;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.stats.CgroupStats;
import io.jrunc.core.lifecycle.ContainerEvents.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * `events` output against runc's: the test resource holds the v1 cgroup files of a paused runc
 * 1.1.5 container on this project's host and what `runc events --stats` printed for it at that
 * moment; reading the same files must print the same line, byte for byte.
 */
class EventJsonTest {
    private static final Path SNAPSHOT = Path.of("src/test/resources/runc-1.1.5-v1-stats");

    @Test
    void statsOfRuncsOwnCgroupFilesPrintExactlyWhatRuncPrinted() throws Exception {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String c : new String[] {"cpu", "cpuacct", "cpuset", "memory", "pids", "blkio"}) dirs.put(c, SNAPSHOT.resolve(c));
        CgroupStats stats = CgroupDrivers.of(Syscalls.linux(), dirs).stats();
        assertEquals(Files.readString(SNAPSHOT.resolve("events.json")).strip(), EventJson.line(new Event.Stats("ref1", stats)));
    }

    @Test
    void oomEventHasNoData() {
        assertEquals("{\"type\":\"oom\",\"id\":\"c1\"}", EventJson.line(new Event.Oom("c1")));
    }

    @Test
    void emptyStatsKeepRuncsAlwaysPresentMembers() {
        assertEquals("{\"type\":\"stats\",\"id\":\"x\",\"data\":{\"cpu\":{\"usage\":{\"kernel\":0,\"user\":0},\"throttling\":{}},"
                + "\"cpuset\":{\"cpu_exclusive\":0,\"mem_hardwall\":0,\"mem_exclusive\":0,\"memory_migrate\":0,\"memory_spread_page\":0,"
                + "\"memory_spread_slab\":0,\"memory_pressure\":0,\"sched_load_balance\":0,\"sched_relax_domain_level\":0},"
                + "\"memory\":{\"usage\":{\"limit\":0,\"failcnt\":0},\"swap\":{\"limit\":0,\"failcnt\":0},\"kernel\":{\"limit\":0,\"failcnt\":0},"
                + "\"kernelTCP\":{\"limit\":0,\"failcnt\":0}},\"pids\":{},\"blkio\":{},\"hugetlb\":{},\"intel_rdt\":{},\"network_interfaces\":null}}",
                EventJson.line(new Event.Stats("x", CgroupStats.empty())));
    }

    @Test
    void unsignedMaxIsPrintedUnsigned() {
        CgroupStats s = CgroupStats.empty().withMemory(new io.jrunc.core.cgroup.stats.MemoryStats(0,
                new io.jrunc.core.cgroup.stats.MemoryStats.MemoryEntry(-1, 1, 0, 0), io.jrunc.core.cgroup.stats.MemoryStats.MemoryEntry.EMPTY,
                io.jrunc.core.cgroup.stats.MemoryStats.MemoryEntry.EMPTY, io.jrunc.core.cgroup.stats.MemoryStats.MemoryEntry.EMPTY, Map.of()));
        assertTrue(EventJson.line(new Event.Stats("x", s)).contains("\"usage\":{\"limit\":18446744073709551615,\"usage\":1,\"failcnt\":0}"));
    }
}
