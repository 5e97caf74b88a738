package io.jrunc.core.cgroup.stats;

import java.util.List;

/**
 * CPU time in nanoseconds (total, per CPU, and split into kernel and user mode) and CFS throttling
 * (periods, throttled periods, throttled time in ns).
 */
public record CpuStats(long total, List<Long> percpu, List<Long> percpuKernel, List<Long> percpuUser, long kernel, long user,
                       long periods, long throttledPeriods, long throttledTime) {
    public static final CpuStats EMPTY = new CpuStats(0, List.of(), List.of(), List.of(), 0, 0, 0, 0, 0);

    public CpuStats {
        percpu = List.copyOf(percpu);
        percpuKernel = List.copyOf(percpuKernel);
        percpuUser = List.copyOf(percpuUser);
    }

    public CpuStats withThrottling(long p, long tp, long tt) {
        return new CpuStats(total, percpu, percpuKernel, percpuUser, kernel, user, p, tp, tt);
    }
}
