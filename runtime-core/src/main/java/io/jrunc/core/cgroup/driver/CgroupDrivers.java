package io.jrunc.core.cgroup.driver;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.v1.V1Driver;
import io.jrunc.core.cgroup.v2.V2Driver;
import io.jrunc.core.cgroup.v2.V2Subtree;
import io.jrunc.sys.Syscalls;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks the driver for a container's cgroup directories (hierarchy name to directory, "" for
 * cgroup2): v1 only, v2 only, or hybrid. It sits apart from {@link CgroupDriver} because it names the
 * v1 and v2 drivers, which depend on the cgroup package: kept there it would make a package cycle.
 * The drivers make their system calls (eventfd, bpf) through the caller's {@link Syscalls}, so a
 * lifecycle test's double reaches them.
 */
public final class CgroupDrivers {
    private CgroupDrivers() {}

    public static CgroupDriver of(Syscalls sys, Map<String, Path> dirs) {
        Path unified = dirs.get("");
        Map<String, Path> v1 = new LinkedHashMap<>(dirs);
        v1.remove("");
        if (unified == null) return new V1Driver(sys, v1);
        V2Driver v2 = new V2Driver(sys, new CgroupDir(unified), V2Subtree.mountRootOf(unified), v1.isEmpty());
        return v1.isEmpty() ? v2 : new HybridDriver(new V1Driver(sys, v1), v2);
    }
}
