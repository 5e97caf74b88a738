package io.jrunc.core.cgroup;

import io.jrunc.sys.Syscalls;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.driver.CgroupDrivers;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.spec.HugepageLimit;
import io.jrunc.spec.Memory;
import io.jrunc.spec.Resources;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This project's host: v1 controllers, and a cgroup2 mount at unified/ that only offers hugetlb. */
class HybridDriverTest {
    @TempDir Path tmp;
    FakeCgroupFs fs;
    Path memory, unifiedRoot, unified;

    @BeforeEach
    void tree() {
        fs = new FakeCgroupFs(tmp);
        memory = fs.dir("memory/c", "memory.limit_in_bytes=9223372036854771712", "memory.memsw.limit_in_bytes=9223372036854771712");
        unifiedRoot = fs.dir("unified", "cgroup.controllers=hugetlb", "cgroup.subtree_control");
        unified = fs.dir("unified/c", "cgroup.controllers", "cgroup.max.descendants=max", "hugetlb.2MB.max=max", "hugetlb.2MB.current=0",
                "hugetlb.2MB.events=max 3");
    }

    @AfterEach
    void restore() {
        fs.close();
    }

    private CgroupDriver driver() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put("memory", memory);
        dirs.put("", unified);
        return CgroupDrivers.of(Syscalls.linux(), dirs);
    }

    @Test
    void v1ControllersGoToV1TheRestToTheUnifiedHierarchy() throws Exception {
        CgroupDriver d = driver();
        assertEquals(CgroupLayout.Mode.HYBRID, d.mode());
        d.apply(ResourceRequest.forCreate(new Resources(null, new Memory(67108864L, null, null, null, null, null, null, null, null),
                null, null, null, List.of(new HugepageLimit("2MB", 2097152)), null, null, Map.of("cgroup.max.descendants", "5")), null));
        assertEquals(List.of("memory/c/memory.limit_in_bytes=67108864", "unified/cgroup.subtree_control=+hugetlb",
                "unified/c/hugetlb.2MB.max=2097152", "unified/c/cgroup.max.descendants=5"), fs.writes());
    }

    @Test
    void onlyWhatIsNeededIsEnabledOnTheV2Side() throws Exception {
        driver().apply(ResourceRequest.forCreate(new Resources(null, new Memory(1048576L, null, null, null, null, null, null, null, null),
                null, null, null, null, null, null, null), null));
        assertEquals(List.of(), fs.writesTo(unifiedRoot.resolve("cgroup.subtree_control")));
    }

    @Test
    void statsTakeHugetlbFromV2() throws Exception {
        fs.dir("memory/c", "memory.stat=cache 0\nrss 4096\n", "memory.usage_in_bytes=4096", "memory.max_usage_in_bytes=8192",
                "memory.failcnt=0");
        var stats = driver().stats();
        assertEquals(3, stats.hugetlb().get("2MB").failcnt());
        assertEquals(4096, stats.memory().usage().usage());
    }
}
