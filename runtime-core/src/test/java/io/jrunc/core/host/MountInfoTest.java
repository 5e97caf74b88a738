package io.jrunc.core.host;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoTest {
    static final MountInfo SAMPLE = MountInfo.parse(List.of(
            "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "23 22 0:22 / /run rw,nosuid shared:5 - tmpfs tmpfs rw,mode=755",
            "24 22 0:23 / /srv/with\\040space rw - tmpfs tmpfs rw",
            "31 22 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
            "33 31 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw"));

    @Test
    void parsesFieldsAndPropagation() {
        MountInfo.Entry run = SAMPLE.entries().get(1);
        assertEquals("/run", run.mountPoint());
        assertEquals("tmpfs", run.fstype());
        assertTrue(run.shared());
        assertFalse(SAMPLE.entries().get(3).shared());
    }

    @Test
    void unescapesOctal() {
        assertEquals("/srv/with space", SAMPLE.entries().get(2).mountPoint());
    }

    @Test
    void findsContainingMount() {
        assertEquals("/run", SAMPLE.mountContaining(Path.of("/run/jrunc/x")).mountPoint());
        assertEquals("/", SAMPLE.mountContaining(Path.of("/runner")).mountPoint());
        assertEquals("/", SAMPLE.mountContaining(Path.of("/")).mountPoint());
    }

    @Test
    void detectsMountsUnderAPath() {
        assertTrue(SAMPLE.hasMountUnder(Path.of("/sys/fs")));
        assertFalse(SAMPLE.hasMountUnder(Path.of("/tmp/bundle")));
    }
}
