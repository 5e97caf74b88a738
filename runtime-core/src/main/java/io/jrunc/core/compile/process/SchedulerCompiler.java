package io.jrunc.core.compile.process;

import io.jrunc.core.ConfigException;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Scheduler;
import java.util.List;
import java.util.Map;

/**
 * process.scheduler -> one SCHED_ATTR op (sched_setattr(2)). The checks are runc's (policy required,
 * nice in -20..19, a priority only for the real-time policies, runtime/deadline/period only for
 * SCHED_DEADLINE) plus the names, so a typo is named here instead of coming back as a bare EINVAL.
 */
final class SchedulerCompiler {
    private static final String BASE = "process.scheduler";

    /** Policy values of linux/sched.h. SCHED_ISO is reserved there and refused by mainline kernels. */
    static final Map<String, Integer> POLICIES = Map.of("SCHED_OTHER", 0, "SCHED_FIFO", 1, "SCHED_RR", 2,
            "SCHED_BATCH", 3, "SCHED_ISO", 4, "SCHED_IDLE", 5, "SCHED_DEADLINE", 6);

    /** Flag bits of linux/sched.h (SCHED_FLAG_*). */
    public static final Map<String, Long> FLAGS = Map.of("SCHED_FLAG_RESET_ON_FORK", 0x01L, "SCHED_FLAG_RECLAIM", 0x02L,
            "SCHED_FLAG_DL_OVERRUN", 0x04L, "SCHED_FLAG_KEEP_POLICY", 0x08L, "SCHED_FLAG_KEEP_PARAMS", 0x10L,
            "SCHED_FLAG_UTIL_CLAMP_MIN", 0x20L, "SCHED_FLAG_UTIL_CLAMP_MAX", 0x40L);

    private SchedulerCompiler() {}

    public static Op compile(Scheduler s) throws ConfigException {
        if (s.policy() == null || s.policy().isEmpty()) throw new ConfigException(BASE + ".policy", "is required");
        Integer policy = POLICIES.get(s.policy());
        if (policy == null) {
            throw new ConfigException(BASE + ".policy", "unknown policy \"" + s.policy() + "\"");
        }
        int nice = s.nice() == null ? 0 : s.nice();
        if (nice < -20 || nice > 19) throw new ConfigException(BASE + ".nice", "must be between -20 and 19, got " + nice);
        int priority = s.priority() == null ? 0 : s.priority();
        boolean realtime = policy == 1 || policy == 2;
        if (priority != 0 && !realtime) {
            throw new ConfigException(BASE + ".priority", "can only be set for SCHED_FIFO or SCHED_RR, not " + s.policy());
        }
        long flags = flags(s.flags());
        // With KEEP_PARAMS the kernel keeps the current priority and ignores this one.
        boolean keepParams = (flags & FLAGS.get("SCHED_FLAG_KEEP_PARAMS")) != 0;
        if (realtime && !keepParams && (priority < 1 || priority > 99)) {
            throw new ConfigException(BASE + ".priority", s.policy() + " needs a priority between 1 and 99, got " + priority);
        }
        long runtime = unsigned(s.runtime()), deadline = unsigned(s.deadline()), period = unsigned(s.period());
        if (policy != 6 && (runtime != 0 || deadline != 0 || period != 0)) {
            throw new ConfigException(BASE, "runtime, deadline and period can only be set for SCHED_DEADLINE, not " + s.policy());
        }
        return new Op.SchedAttr(Origin.of(BASE, s.policy()), policy, flags, nice, priority, runtime, deadline, period);
    }

    private static long flags(List<String> names) throws ConfigException {
        long flags = 0;
        for (int i = 0; names != null && i < names.size(); i++) {
            Long bit = FLAGS.get(names.get(i));
            if (bit == null) throw new ConfigException(BASE + ".flags[" + i + "]", "unknown flag \"" + names.get(i) + "\"");
            flags |= bit;
        }
        return flags;
    }

    private static long unsigned(Long v) {
        return v == null ? 0 : v;
    }
}
