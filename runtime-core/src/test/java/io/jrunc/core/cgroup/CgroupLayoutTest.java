package io.jrunc.core.cgroup;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.host.MountInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
    static final CgroupLayout HYBRID = CgroupLayout.from(MountInfo.parse(List.of(
            "31 22 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
            "33 31 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "34 31 0:31 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer",
            "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate")));

    static final CgroupLayout V2 = CgroupLayout.from(MountInfo.parse(List.of(
            "30 22 0:27 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot")));

    @Test
    void detectsHybrid() {
        assertEquals(CgroupLayout.Mode.HYBRID, HYBRID.mode());
        assertEquals(List.of("cpu,cpuacct", "memory", "freezer", "name=systemd", ""),
                HYBRID.hierarchies().stream().map(Hierarchy::name).toList());
        assertEquals(List.of("cpu", "cpuacct"), HYBRID.withController("cpuacct").controllers());
        assertNull(HYBRID.withController("pids"));
    }

    @Test
    void detectsPureV2() {
        assertEquals(CgroupLayout.Mode.V2, V2.mode());
        assertTrue(V2.withController("memory").isV2());
    }

    @Test
    void absolutePathIsUnderEachMount() {
        Map<String, Path> dirs = CgroupPaths.resolve(HYBRID, "/docker/abc", "abc", List.of());
        assertEquals(Path.of("/sys/fs/cgroup/memory/docker/abc"), dirs.get("memory"));
        assertEquals(Path.of("/sys/fs/cgroup/unified/docker/abc"), dirs.get(""));
    }

    @Test
    void relativeAndDefaultPathsAreUnderTheCallersCgroup() {
        List<String> own = List.of("4:memory:/session/7", "1:cpu,cpuacct:/", "0::/user.slice");
        Map<String, Path> dirs = CgroupPaths.resolve(HYBRID, null, "demo", own);
        assertEquals(Path.of("/sys/fs/cgroup/memory/session/7/demo"), dirs.get("memory"));
        assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct/demo"), dirs.get("cpu,cpuacct"));
        assertEquals(Path.of("/sys/fs/cgroup/unified/user.slice/demo"), dirs.get(""));
        assertEquals(Path.of("/sys/fs/cgroup/memory/session/7/a/b"), CgroupPaths.resolve(HYBRID, "a/b", "x", own).get("memory"));
    }

    @Test
    void dotDotCannotLeaveTheHierarchy() {
        Map<String, Path> dirs = CgroupPaths.resolve(HYBRID, "/../../etc", "x", List.of());
        assertEquals(Path.of("/sys/fs/cgroup/memory/etc"), dirs.get("memory"));
    }
}
