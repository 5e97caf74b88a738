package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;
import io.jrunc.spec.Cpu;

/** linux.resources.cpu.cpus and .mems: cpuset.cpus and cpuset.mems (the same names in v1 and v2). */
public final class CpusetFiles {
    private CpusetFiles() {}

    public static void apply(CgroupDir dir, Cpu c) throws ConfigException {
        if (c == null) return;
        if (c.cpus() != null && !c.cpus().isEmpty()) Knobs.set(dir, "linux.resources.cpu.cpus", "cpuset.cpus", c.cpus());
        if (c.mems() != null && !c.mems().isEmpty()) Knobs.set(dir, "linux.resources.cpu.mems", "cpuset.mems", c.mems());
    }
}
