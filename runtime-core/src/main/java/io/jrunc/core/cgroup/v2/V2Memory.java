package io.jrunc.core.cgroup.v2;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupWriteException;
import io.jrunc.core.cgroup.Knobs;
import io.jrunc.spec.Memory;
import java.io.IOException;

/**
 * linux.resources.memory on the v2 memory controller: memory.max, memory.low (reservation) and
 * memory.swap.max. The spec's swap is memory+swap (v1's meaning) while v2 limits swap alone, so it
 * is converted as runc's ConvertMemorySwapToCgroupV2Value does: swap.max = swap - limit. The v1-only
 * knobs have no v2 counterpart and are refused by name rather than dropped silently.
 */
public final class V2Memory {
    private static final String F = "linux.resources.memory.";

    private V2Memory() {}

    public static void apply(CgroupDir dir, Memory m, boolean update) throws ConfigException {
        if (m == null) return;
        if (m.swappiness() != null && m.swappiness() != -1L) {
            throw new ConfigException(F + "swappiness", "cgroup v2 has no per-cgroup swappiness (it is a v1 setting)");
        }
        if (m.disableOOMKillerOrFalse()) {
            throw new ConfigException(F + "disableOOMKiller", "cgroup v2 cannot disable the OOM killer (it is a v1 setting)");
        }
        if (!m.useHierarchyOrTrue()) {
            throw new ConfigException(F + "useHierarchy", "cgroup v2 is always hierarchical");
        }
        long limit = value(m.limit()), swap = value(m.swap()), reservation = value(m.reservation());
        if (limit == 0 && swap == 0 && reservation == 0) return;
        if (m.checkBeforeUpdateOrFalse()) checkUsage(dir, limit, swap);
        // An update of swap alone converts against the limit in force (runc keeps it in its state).
        long memoryForSwap = limit == 0 && swap != 0 && update ? current(dir, "memory.max") : limit;
        long swapMax = convertSwap(swap, memoryForSwap);
        String swapText = numToStr(swapMax);
        // memory == swap: no swap at all, which is 0, not "leave as is".
        if (swapText.isEmpty() && swapMax == 0 && swap > 0) swapText = "0";
        if (!swapText.isEmpty()) {
            try {
                dir.write("memory.swap.max", swapText);
            } catch (CgroupWriteException e) {
                if (e.missing()) {
                    throw new ConfigException(F + "swap", "swap limits are not supported by this kernel (no memory.swap.max: "
                            + "swap accounting is off)");
                }
                throw Knobs.error(F + "swap", e);
            }
        }
        String limitText = numToStr(limit);
        if (!limitText.isEmpty()) Knobs.set(dir, F + "limit", "memory.max", limitText);
        String low = numToStr(reservation);
        if (!low.isEmpty()) Knobs.set(dir, F + "reservation", "memory.low", low);
    }

    /** runc's ConvertMemorySwapToCgroupV2Value (the 1.2 form, which accepts swap with unlimited memory). */
    static long convertSwap(long swap, long memory) throws ConfigException {
        if (memory == -1 && swap == 0) return -1;
        if (swap == -1 || swap == 0) return swap;
        if (memory == -1) return swap;
        if (memory == 0) throw new ConfigException(F + "swap", "unable to set swap limit without memory limit");
        if (memory < 0) throw new ConfigException(F + "limit", "invalid memory value: " + memory);
        if (swap < memory) throw new ConfigException(F + "swap", "memory+swap limit should be >= memory limit");
        return swap - memory;
    }

    /** 0 means "leave it", -1 "max" (v1 wrote -1 for no limit). */
    static String numToStr(long value) {
        return value == 0 ? "" : value == -1 ? "max" : Long.toString(value);
    }

    /** memory.checkBeforeUpdate: refuse a limit the cgroup already uses more than (v1's kernel does so itself). */
    private static void checkUsage(CgroupDir dir, long limit, long swap) throws ConfigException {
        if (limit <= 0 && swap <= 0) return;
        try {
            long usage = dir.readUint("memory.current");
            if (limit > 0 && Long.compareUnsigned(usage, limit) >= 0) {
                throw new ConfigException(F + "limit", "rejecting memory limit " + limit + " below usage " + usage);
            }
            String swapUsage = dir.readIfExists("memory.swap.current");
            if (swapUsage != null && swap > 0) {
                long total = usage + CgroupDir.parseUint(swapUsage, dir.file("memory.swap.current"));
                if (Long.compareUnsigned(total, swap) >= 0) {
                    throw new ConfigException(F + "swap", "rejecting memory+swap limit " + swap + " below usage " + total);
                }
            }
        } catch (IOException e) {
            throw new ConfigException(F + "checkBeforeUpdate", "cannot read the memory usage: " + e.getMessage());
        }
    }

    /** A limit file read back as the spec's number: "max" is -1. */
    private static long current(CgroupDir dir, String file) throws ConfigException {
        try {
            return dir.readUint(file);
        } catch (IOException e) {
            throw new ConfigException(F + "swap", "cannot read " + dir.file(file) + ": " + e.getMessage());
        }
    }

    private static long value(Long v) {
        return v == null ? 0 : v;
    }
}
