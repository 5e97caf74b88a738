package io.jrunc.core.cgroup.v1;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupWriteException;
import io.jrunc.core.cgroup.Knobs;
import io.jrunc.spec.Memory;
import java.io.IOException;

/**
 * linux.resources.memory on the v1 memory controller, as runc's fs driver writes it. v1 swap is a
 * memory+swap total (memory.memsw.limit_in_bytes), which the kernel keeps at or above the memory
 * limit at every moment; so when both change, the order of the two writes depends on which way
 * they move. Kernel memory is not written at all: runc ignores it (see ResourceWriter's warning),
 * and kernels since 5.16 ignore the file anyway.
 */
public final class V1Memory {
    private static final String F = "linux.resources.memory.";
    static final String LIMIT = "memory.limit_in_bytes", MEMSW = "memory.memsw.limit_in_bytes";

    private V1Memory() {}

    public static void apply(CgroupDir dir, Memory m) throws ConfigException {
        if (m == null) return;
        setMemoryAndSwap(dir, value(m.limit()), value(m.swap()));
        if (value(m.reservation()) != 0) {
            Knobs.set(dir, F + "reservation", "memory.soft_limit_in_bytes", Long.toString(m.reservation()));
        }
        if (m.disableOOMKillerOrFalse()) Knobs.set(dir, F + "disableOOMKiller", "memory.oom_control", "1");
        if (m.swappiness() != null && m.swappiness() != -1L) {
            if (Long.compareUnsigned(m.swappiness(), 100) > 0) {
                throw new ConfigException(F + "swappiness", "invalid value:" + Knobs.unsigned(m.swappiness())
                        + ". valid memory swappiness range is 0-100");
            }
            Knobs.set(dir, F + "swappiness", "memory.swappiness", Long.toString(m.swappiness()));
        }
        if (m.useHierarchy() != null) setHierarchy(dir, m.useHierarchy());
    }

    private static void setMemoryAndSwap(CgroupDir dir, long limit, long swap) throws ConfigException {
        // Unlimited memory with swap left out means unlimited swap too (where the kernel accounts swap).
        if (limit == -1 && swap == 0 && dir.has(MEMSW)) swap = -1;
        if (limit != 0 && swap != 0) {
            long current = currentLimit(dir);
            if (swap == -1 || Long.compareUnsigned(current, swap) < 0) {
                setSwap(dir, swap);
                setLimit(dir, limit);
                return;
            }
        }
        setLimit(dir, limit);
        setSwap(dir, swap);
    }

    private static long currentLimit(CgroupDir dir) throws ConfigException {
        try {
            return dir.readUint(LIMIT);
        } catch (IOException e) {
            throw new ConfigException(F + "limit", "cannot read " + dir.file(LIMIT) + ": " + e.getMessage());
        }
    }

    private static void setLimit(CgroupDir dir, long limit) throws ConfigException {
        if (limit == 0) return;
        try {
            dir.write(LIMIT, Long.toString(limit));
        } catch (CgroupWriteException e) {
            if (e.errno() != CgroupWriteException.EBUSY) throw Knobs.error(F + "limit", e);
            // EBUSY: the new limit is below what the cgroup uses now; say by how much, as runc does.
            throw new ConfigException(F + "limit", "unable to set memory limit to " + limit + " (current usage: "
                    + read(dir, "memory.usage_in_bytes") + ", peak usage: " + read(dir, "memory.max_usage_in_bytes") + ")");
        }
    }

    private static void setSwap(CgroupDir dir, long swap) throws ConfigException {
        if (swap == 0) return;
        try {
            dir.write(MEMSW, Long.toString(swap));
        } catch (CgroupWriteException e) {
            if (e.missing()) {
                throw new ConfigException(F + "swap", "swap limits are not supported by this kernel (no " + MEMSW
                        + ": swap accounting is off)");
            }
            throw Knobs.error(F + "swap", e);
        }
    }

    private static void setHierarchy(CgroupDir dir, boolean on) throws ConfigException {
        try {
            dir.write("memory.use_hierarchy", on ? "1" : "0");
        } catch (CgroupWriteException e) {
            if (!on && e.errno() == CgroupWriteException.EINVAL) {
                throw new ConfigException(F + "useHierarchy", "this kernel only does hierarchical memory accounting "
                        + "(memory.use_hierarchy cannot be 0)");
            }
            throw Knobs.error(F + "useHierarchy", e);
        }
    }

    private static String read(CgroupDir dir, String file) {
        try {
            return Knobs.unsigned(dir.readUint(file));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long value(Long v) {
        return v == null ? 0 : v;
    }
}
