package io.jrunc.core.cgroup.v2;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.FakeCgroupFs;
import io.jrunc.core.cgroup.OomWatch;
import io.jrunc.core.cgroup.stats.BlkioStats;
import io.jrunc.core.cgroup.stats.CgroupStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** v2 files mapped onto runc's v1-shaped statistics, and the v2 OOM watch, on a temp tree. */
class V2StatsTest {
    @TempDir Path tmp;
    FakeCgroupFs fs;
    Path c;

    @BeforeEach
    void tree() {
        fs = new FakeCgroupFs(tmp);
        fs.dir("cg", "cgroup.controllers=cpu io memory pids hugetlb");
        c = fs.dir("cg/c", "cgroup.controllers", "pids.current=3", "pids.max=50",
                "memory.stat=anon 4096\nfile 8192\nkernel 1024\n", "memory.current=12288", "memory.max=67108864",
                "memory.swap.current=4096", "memory.swap.max=67108864",
                "cpu.stat=usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 7\nnr_throttled 2\nthrottled_usec 30\n",
                "io.stat=254:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n",
                "hugetlb.2MB.max=4194304", "hugetlb.2MB.current=2097152", "hugetlb.2MB.events=max 1\n",
                "memory.events=low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n", "cgroup.events=populated 1\nfrozen 0\n");
    }

    @AfterEach
    void restore() {
        fs.close();
    }

    @Test
    void everySectionIsMappedAsRuncMapsIt() throws Exception {
        CgroupStats s = V2Stats.read(new CgroupDir(c));
        assertEquals(3, s.pids().current());
        assertEquals(50, s.pids().limit());
        assertEquals(8192, s.memory().cache(), "file is the cache");
        assertEquals(12288, s.memory().usage().usage());
        assertEquals(67108864, s.memory().usage().limit());
        assertEquals(12288 + 4096, s.memory().swap().usage(), "swap is reported as memory+swap, like v1");
        assertEquals(2 * 67108864L, s.memory().swap().limit());
        assertEquals(1_500_000, s.cpu().total());
        assertEquals(1_000_000, s.cpu().user());
        assertEquals(500_000, s.cpu().kernel());
        assertEquals(7, s.cpu().periods());
        assertEquals(30_000, s.cpu().throttledTime());
        assertEquals(List.of(new BlkioStats.Entry(254, 0, "Read", 4096), new BlkioStats.Entry(254, 0, "Write", 8192)),
                s.blkio().ioServiceBytesRecursive());
        assertEquals(List.of(new BlkioStats.Entry(254, 0, "Read", 1), new BlkioStats.Entry(254, 0, "Write", 2)),
                s.blkio().ioServicedRecursive());
        assertEquals(2097152, s.hugetlb().get("2MB").usage());
        assertEquals(1, s.hugetlb().get("2MB").failcnt());
    }

    @Test
    void unlimitedSwapStaysUnlimited() throws Exception {
        fs.dir("cg/c", "memory.swap.max=max", "pids.max=max");
        CgroupStats s = V2Stats.read(new CgroupDir(c));
        assertEquals(-1, s.memory().swap().limit());
        assertEquals(0, s.pids().limit(), "max is reported as 0, no limit");
    }

    @Test
    void withoutThePidsControllerTasksAreCounted() throws Exception {
        Files.delete(c.resolve("pids.current"));
        fs.dir("cg/c", "cgroup.procs=10\n11\n");
        fs.dir("cg/c/sub", "cgroup.procs=12\n");
        assertEquals(3, V2Stats.read(new CgroupDir(c)).pids().current());
    }

    @Test
    void theOomWatchFiresOnEachNewKillAndEndsWhenEmpty() throws Exception {
        try (OomWatch w = new V2OomWatch(new CgroupDir(c))) {
            assertEquals(OomWatch.Outcome.TIMEOUT, w.await(10));
            Files.writeString(c.resolve("memory.events"), "oom 1\noom_kill 1\n");
            assertEquals(OomWatch.Outcome.OOM, w.await(1000));
            assertEquals(OomWatch.Outcome.TIMEOUT, w.await(10), "the same kill is reported once");
            Files.writeString(c.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
            assertEquals(OomWatch.Outcome.GONE, w.await(1000));
        }
    }
}
