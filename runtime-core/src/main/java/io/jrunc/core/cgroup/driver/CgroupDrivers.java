package io.jrunc.core.cgroup.driver;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.v1.V1Driver;
import io.jrunc.core.cgroup.v2.V2Driver;
import io.jrunc.core.cgroup.v2.V2Subtree;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks the driver for a container's cgroup directories (hierarchy name to directory, "" for
 * cgroup2): v1 only, v2 only, or hybrid. It sits apart from {@link CgroupDriver} because it names the
 * v1 and v2 drivers, which depend on the cgroup package: kept there it would make a package cycle.
 */
public final class CgroupDrivers {
    private CgroupDrivers() {}

    public static CgroupDriver of(Map<String, Path> dirs) {
        Path unified = dirs.get("");
        Map<String, Path> v1 = new LinkedHashMap<>(dirs);
        v1.remove("");
        if (unified == null) return new V1Driver(v1);
        V2Driver v2 = new V2Driver(new CgroupDir(unified), V2Subtree.mountRootOf(unified), v1.isEmpty());
        return v1.isEmpty() ? v2 : new HybridDriver(new V1Driver(v1), v2);
    }
}
