package io.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * {@code linux.resources}, the cgroup settings; also the whole document of {@code update
 * --resources}. Every member is optional: null means "leave as it is".
 *
 * @param rdma device name -> limits
 * @param unified cgroup v2 file name (e.g. "memory.high") -> content, written as is
 */
public record Resources(
        List<DeviceRule> devices,
        Memory memory,
        Cpu cpu,
        Pids pids,
        BlockIO blockIO,
        List<HugepageLimit> hugepageLimits,
        Network network,
        Map<String, Rdma> rdma,
        Map<String, String> unified) {
    /** No member set: what an absent {@code linux.resources} asks for. */
    public static Resources none() {
        return new Resources(null, null, null, null, null, null, null, null, null);
    }

    /**
     * Only the members {@code update} applies (runc's update.go): memory, cpu, pids, blockIO and
     * unified; devices, hugepage limits, network and rdma are left as they are.
     */
    public static Resources forUpdate(Memory memory, Cpu cpu, Pids pids, BlockIO blockIO, Map<String, String> unified) {
        return new Resources(null, memory, cpu, pids, blockIO, null, null, null, unified);
    }

    public Resources {
        devices = Immutable.list(devices);
        hugepageLimits = Immutable.list(hugepageLimits);
        rdma = Immutable.map(rdma);
        unified = Immutable.map(unified);
    }
}
