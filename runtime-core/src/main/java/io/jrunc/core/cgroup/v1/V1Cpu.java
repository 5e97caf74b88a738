package io.jrunc.core.cgroup.v1;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupWriteException;
import io.jrunc.core.cgroup.Knobs;
import io.jrunc.spec.Cpu;
import java.io.IOException;

/**
 * The CFS and realtime knobs of the v1 cpu controller, in runc's order. A new CFS period can be
 * refused (EINVAL) while the old quota would exceed the parent's bandwidth with it, and a new burst
 * while it exceeds the old quota; both are retried once the quota is written.
 */
public final class V1Cpu {
    private static final String F = "linux.resources.cpu.";

    private V1Cpu() {}

    public static void apply(CgroupDir dir, Cpu c) throws ConfigException {
        if (c == null) return;
        if (set(c.shares())) setShares(dir, c.shares());
        long quota = value(c.quota());
        String period = null;
        if (set(c.period())) {
            period = Knobs.unsigned(c.period());
            if (retryAfterQuota(dir, F + "period", "cpu.cfs_period_us", period, quota)) period = null;
        }
        String burst = null;
        if (c.burst() != null) {
            burst = Knobs.unsigned(c.burst());
            if (!dir.has("cpu.cfs_burst_us")) {
                burst = null; // runc leaves burst out on kernels without it (before 5.14)
            } else if (retryAfterQuota(dir, F + "burst", "cpu.cfs_burst_us", burst, quota)) {
                burst = null;
            }
        }
        if (quota != 0) {
            Knobs.set(dir, F + "quota", "cpu.cfs_quota_us", Long.toString(quota));
            if (period != null) Knobs.set(dir, F + "period", "cpu.cfs_period_us", period);
            if (burst != null) Knobs.set(dir, F + "burst", "cpu.cfs_burst_us", burst);
        }
        if (c.idle() != null) Knobs.set(dir, F + "idle", "cpu.idle", Long.toString(c.idle()));
        // Realtime last: the kernel checks runtime against the period and the parent's budget.
        if (set(c.realtimePeriod())) Knobs.set(dir, F + "realtimePeriod", "cpu.rt_period_us", Knobs.unsigned(c.realtimePeriod()));
        if (set(c.realtimeRuntime())) Knobs.set(dir, F + "realtimeRuntime", "cpu.rt_runtime_us", Long.toString(c.realtimeRuntime()));
    }

    /** Writes the value; returns false when it was refused with EINVAL and the quota, still to come, may fix that. */
    private static boolean retryAfterQuota(CgroupDir dir, String field, String file, String value, long quota)
            throws ConfigException {
        try {
            dir.write(file, value);
            return true;
        } catch (CgroupWriteException e) {
            if (e.errno() == CgroupWriteException.EINVAL && quota != 0) return false;
            throw Knobs.error(field, e);
        }
    }

    /** The kernel clamps shares to [2, 262144] without an error; runc reads them back to report that. */
    private static void setShares(CgroupDir dir, long shares) throws ConfigException {
        Knobs.set(dir, F + "shares", "cpu.shares", Knobs.unsigned(shares));
        long read;
        try {
            read = dir.readUint("cpu.shares");
        } catch (IOException e) {
            throw new ConfigException(F + "shares", "cannot read back cpu.shares: " + e.getMessage());
        }
        if (Long.compareUnsigned(shares, read) > 0) throw new ConfigException(F + "shares", "the maximum allowed cpu-shares is " + read);
        if (Long.compareUnsigned(shares, read) < 0) throw new ConfigException(F + "shares", "the minimum allowed cpu-shares is " + read);
    }

    private static boolean set(Long v) {
        return v != null && v != 0;
    }

    private static long value(Long v) {
        return v == null ? 0 : v;
    }
}
