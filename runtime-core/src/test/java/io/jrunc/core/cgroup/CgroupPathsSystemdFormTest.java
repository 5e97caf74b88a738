package io.jrunc.core.cgroup;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.host.MountInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A "slice:prefix:name" cgroupsPath without --systemd-cgroup: runc's cgroupfs driver takes it as a
 * plain relative path (one directory with colons in its name, under the caller's cgroup), and so
 * does jrunc.
 */
class CgroupPathsSystemdFormTest {
    @Test
    void aSystemdStylePathIsOneRelativeDirectory() throws Exception {
        CgroupLayout layout = CgroupLayout.from(MountInfo.parse(List.of(
                "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
                "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw")));
        var dirs = CgroupPaths.resolve(layout, "system.slice:docker:1234", "c1", List.of("4:memory:/process_api/x", "0::/"));
        assertEquals(Path.of("/sys/fs/cgroup/memory/process_api/x/system.slice:docker:1234"), dirs.get("memory"));
        assertEquals(Path.of("/sys/fs/cgroup/unified/system.slice:docker:1234"), dirs.get(""));
    }
}
