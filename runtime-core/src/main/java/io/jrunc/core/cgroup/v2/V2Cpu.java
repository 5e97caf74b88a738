package io.jrunc.core.cgroup.v2;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupWriteException;
import io.jrunc.core.cgroup.Knobs;
import io.jrunc.spec.Cpu;
import java.io.IOException;

/**
 * linux.resources.cpu on the v2 cpu controller, as runc writes it: cpu.idle, cpu.weight (converted
 * from v1 shares), cpu.max ("QUOTA PERIOD", "max" for no quota) and cpu.max.burst. v2 has no
 * realtime group scheduling, so realtime values are refused by name.
 */
public final class V2Cpu {
    private static final String F = "linux.resources.cpu.";
    /** The period the kernel uses when none is given. */
    static final long DEFAULT_PERIOD = 100_000;

    private V2Cpu() {}

    public static void apply(CgroupDir dir, Cpu c, boolean update) throws ConfigException {
        if (c == null) return;
        if (set(c.realtimeRuntime())) throw new ConfigException(F + "realtimeRuntime", "cgroup v2 has no realtime group scheduling");
        if (set(c.realtimePeriod())) throw new ConfigException(F + "realtimePeriod", "cgroup v2 has no realtime group scheduling");
        if (c.idle() != null) Knobs.set(dir, F + "idle", "cpu.idle", Long.toString(c.idle()));
        long weight = sharesToWeight(c.shares() == null ? 0 : c.shares());
        if (weight != 0) Knobs.set(dir, F + "shares", "cpu.weight", Long.toString(weight));
        long quota = c.quota() == null ? 0 : c.quota();
        long period = c.period() == null ? 0 : c.period();
        String burst = null;
        if (c.burst() != null) {
            burst = Knobs.unsigned(c.burst());
            try {
                dir.write("cpu.max.burst", burst);
                burst = null;
            } catch (CgroupWriteException e) {
                // A burst above the old quota is refused until the new quota is in.
                if (e.errno() != CgroupWriteException.EINVAL || quota == 0) throw Knobs.error(F + "burst", e);
            }
        }
        if (quota != 0 || period != 0) {
            String max = quota > 0 ? Long.toString(quota) : quota < 0 ? "max" : update ? currentQuota(dir) : "max";
            Knobs.set(dir, quota != 0 ? F + "quota" : F + "period", "cpu.max",
                    max + " " + Knobs.unsigned(period != 0 ? period : DEFAULT_PERIOD));
            if (burst != null) Knobs.set(dir, F + "burst", "cpu.max.burst", burst);
        }
    }

    /** runc 1.1's ConvertCPUSharesToCgroupV2Value: shares [2, 262144] onto weight [1, 10000], linearly. */
    public static long sharesToWeight(long shares) {
        if (shares == 0) return 0;
        return 1 + Long.divideUnsigned((shares - 2) * 9999, 262142);
    }

    /** When only the period changes, the quota in force stays (runc takes it from its saved state). */
    private static String currentQuota(CgroupDir dir) throws ConfigException {
        try {
            String[] f = dir.read("cpu.max").split("\\s+");
            return f[0];
        } catch (IOException e) {
            throw new ConfigException(F + "period", "cannot read " + dir.file("cpu.max") + ": " + e.getMessage());
        }
    }

    private static boolean set(Long v) {
        return v != null && v != 0;
    }
}
