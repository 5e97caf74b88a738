package io.jrunc.core.cgroup.stats;

import java.util.Map;

/**
 * A container's cgroup statistics in the shape of runc's `events --stats` data (runc's types.Stats):
 * every number is an unsigned 64-bit value held in a long, except where noted. What a section's
 * controller does not offer stays zero, as in runc.
 *
 * @param hugetlb page size ("2MB") to its counters, sorted
 */
public record CgroupStats(CpuStats cpu, CpusetStats cpuset, MemoryStats memory, PidsStats pids, BlkioStats blkio,
                          Map<String, HugetlbStats> hugetlb) {
    public CgroupStats {
        hugetlb = Map.copyOf(hugetlb);
    }

    public static CgroupStats empty() {
        return new CgroupStats(CpuStats.EMPTY, CpusetStats.EMPTY, MemoryStats.EMPTY, PidsStats.EMPTY, BlkioStats.EMPTY, Map.of());
    }

    public CgroupStats withHugetlb(Map<String, HugetlbStats> h) {
        return new CgroupStats(cpu, cpuset, memory, pids, blkio, h);
    }

    public CgroupStats withMemory(MemoryStats m) {
        return new CgroupStats(cpu, cpuset, m, pids, blkio, hugetlb);
    }

    public CgroupStats withCpu(CpuStats c) {
        return new CgroupStats(c, cpuset, memory, pids, blkio, hugetlb);
    }

    public CgroupStats withCpuset(CpusetStats c) {
        return new CgroupStats(cpu, c, memory, pids, blkio, hugetlb);
    }

    public CgroupStats withPids(PidsStats p) {
        return new CgroupStats(cpu, cpuset, memory, p, blkio, hugetlb);
    }

    public CgroupStats withBlkio(BlkioStats b) {
        return new CgroupStats(cpu, cpuset, memory, pids, b, hugetlb);
    }
}
