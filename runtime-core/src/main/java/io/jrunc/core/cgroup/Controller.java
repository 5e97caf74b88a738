package io.jrunc.core.cgroup;

import io.jrunc.spec.BlockIO;
import io.jrunc.spec.Cpu;
import io.jrunc.spec.Memory;
import io.jrunc.spec.Resources;

/**
 * The cgroup controllers linux.resources speaks to, with the name each has in cgroup v1 and v2
 * (null where that version has none) and which fields of linux.resources ask for it. A field
 * "asks" when runc would write something for it: runc treats 0 as unset for most numbers.
 */
public enum Controller {
    CPUSET("cpuset", "cpuset"),
    DEVICES("devices", null),
    MEMORY("memory", "memory"),
    CPU("cpu", "cpu"),
    PIDS("pids", "pids"),
    BLKIO("blkio", "io"),
    HUGETLB("hugetlb", "hugetlb"),
    NET_CLS("net_cls", null),
    NET_PRIO("net_prio", null),
    RDMA("rdma", "rdma"),
    UNIFIED(null, null);

    private final String v1Name;
    private final String v2Name;

    Controller(String v1Name, String v2Name) {
        this.v1Name = v1Name;
        this.v2Name = v2Name;
    }

    /** The v1 hierarchy's controller name, null when v1 has none (unified). */
    public String v1Name() {
        return v1Name;
    }

    /** The name in cgroup.controllers, null for what v2 does without one (devices, unified). */
    public String v2Name() {
        return v2Name;
    }

    /**
     * The first field of the request that needs this controller, as a config path for errors
     * ("linux.resources.memory.limit"), or null when the request needs nothing from it.
     */
    public String field(ResourceRequest request) {
        Resources r = request.resources();
        String base = "linux.resources.";
        return switch (this) {
            case CPUSET -> r.cpu() == null ? null
                    : !empty(r.cpu().cpus()) ? base + "cpu.cpus" : !empty(r.cpu().mems()) ? base + "cpu.mems" : null;
            case DEVICES -> request.devices() == null || !request.devices().explicit() ? null : base + "devices";
            case MEMORY -> memoryField(r.memory(), base + "memory.");
            case CPU -> cpuField(r.cpu(), base + "cpu.");
            case PIDS -> r.pids() != null && set(r.pids().limit()) ? base + "pids.limit" : null;
            case BLKIO -> blkioField(r.blockIO(), base + "blockIO.");
            case HUGETLB -> Absent.orEmpty(r.hugepageLimits()).isEmpty() ? null : base + "hugepageLimits";
            case NET_CLS -> r.network() != null && set(r.network().classID()) ? base + "network.classID" : null;
            case NET_PRIO -> r.network() != null && !Absent.orEmpty(r.network().priorities()).isEmpty() ? base + "network.priorities" : null;
            case RDMA -> Absent.orEmpty(r.rdma()).isEmpty() ? null : base + "rdma";
            case UNIFIED -> Absent.orEmpty(r.unified()).isEmpty() ? null : base + "unified";
        };
    }

    /**
     * Whether the request writes to this controller at all: what {@link #field} names, plus the
     * built-in device rules every created container gets (no field asked for them).
     */
    public boolean requested(ResourceRequest request) {
        return field(request) != null || this == DEVICES && request.devices() != null;
    }

    /** Kernel memory is left out on purpose: runc ignores it (with a warning) wherever it runs. */
    private static String memoryField(Memory m, String base) {
        if (m == null) return null;
        if (set(m.limit())) return base + "limit";
        if (set(m.reservation())) return base + "reservation";
        if (set(m.swap())) return base + "swap";
        if (m.swappiness() != null && m.swappiness() != -1L) return base + "swappiness";
        if (m.disableOOMKillerOrFalse()) return base + "disableOOMKiller";
        if (m.useHierarchy() != null) return base + "useHierarchy";
        return null;
    }

    private static String cpuField(Cpu c, String base) {
        if (c == null) return null;
        if (set(c.shares())) return base + "shares";
        if (set(c.quota())) return base + "quota";
        if (set(c.period())) return base + "period";
        if (c.burst() != null) return base + "burst";
        if (set(c.realtimeRuntime())) return base + "realtimeRuntime";
        if (set(c.realtimePeriod())) return base + "realtimePeriod";
        if (c.idle() != null) return base + "idle";
        return null;
    }

    private static String blkioField(BlockIO b, String base) {
        if (b == null) return null;
        if (b.weight() != null && b.weight() != 0) return base + "weight";
        if (b.leafWeight() != null && b.leafWeight() != 0) return base + "leafWeight";
        if (!Absent.orEmpty(b.weightDevice()).isEmpty()) return base + "weightDevice";
        if (!Absent.orEmpty(b.throttleReadBpsDevice()).isEmpty()) return base + "throttleReadBpsDevice";
        if (!Absent.orEmpty(b.throttleWriteBpsDevice()).isEmpty()) return base + "throttleWriteBpsDevice";
        if (!Absent.orEmpty(b.throttleReadIOPSDevice()).isEmpty()) return base + "throttleReadIOPSDevice";
        if (!Absent.orEmpty(b.throttleWriteIOPSDevice()).isEmpty()) return base + "throttleWriteIOPSDevice";
        return null;
    }

    static boolean set(Long value) {
        return value != null && value != 0;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
