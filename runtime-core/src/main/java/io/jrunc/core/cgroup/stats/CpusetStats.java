package io.jrunc.core.cgroup.stats;

import java.util.List;

/** The cpuset controller's settings as runc reports them; {@code schedRelaxDomainLevel} is signed. */
public record CpusetStats(List<Integer> cpus, long cpuExclusive, List<Integer> mems, long memHardwall, long memExclusive,
                          long memoryMigrate, long memorySpreadPage, long memorySpreadSlab, long memoryPressure,
                          long schedLoadBalance, long schedRelaxDomainLevel) {
    public static final CpusetStats EMPTY = new CpusetStats(List.of(), 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0);

    public CpusetStats {
        cpus = List.copyOf(cpus);
        mems = List.copyOf(mems);
    }
}
