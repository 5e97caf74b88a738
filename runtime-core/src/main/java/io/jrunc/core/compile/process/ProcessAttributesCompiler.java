package io.jrunc.core.compile.process;

import io.jrunc.core.ConfigException;
import io.jrunc.core.Debug;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.PlanBuilder;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.CpuAffinity;
import io.jrunc.spec.IoPriority;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Personality;
import io.jrunc.spec.Process;
import java.util.List;
import java.util.Map;

/**
 * oomScoreAdj, execCPUAffinity, scheduler, ioPriority and personality -> ops, each list for its
 * place in the plan (a slot of {@link io.jrunc.core.plan.PlanBuilder.Slot}).
 *
 * <p>Why oom_score_adj is an op of the helper and not a write by Java after the PID message: the
 * helper writes its own /proc/self/oom_score_adj before it creates any namespace, as runc's nsexec
 * does, so the init inherits the value through FORK and no container code ever runs without it;
 * a write from Java would race the init, which goes on with its ops as soon as PID is sent. It is
 * also the last moment the value can be lowered: that needs CAP_SYS_RESOURCE in the initial user
 * namespace, which the helper no longer has once it is in a user namespace of its own.
 *
 * <p>execCPUAffinity: the runtime-spec means it for processes started by exec ("initial" before
 * the move into the container's cgroup, "final" after it); this compiler also serves the create
 * plan, whose process then gets it too. The helper is in the cgroups before its first op, so
 * "initial" is as early as a plan can put it: the helper's first op, inherited by the init.
 */
public final class ProcessAttributesCompiler {
    /** IOPRIO_CLASS_* of linux/ioprio.h. */
    private static final Map<String, Integer> IO_CLASSES = Map.of("IOPRIO_CLASS_RT", 1, "IOPRIO_CLASS_BE", 2, "IOPRIO_CLASS_IDLE", 3);
    /** Persona values of linux/personality.h for the domains the runtime-spec names. */
    private static final Map<String, Long> DOMAINS = Map.of("LINUX", 0x0000L, "LINUX32", 0x0008L);
    private static final int IOPRIO_CLASS_SHIFT = 13;

    private ProcessAttributesCompiler() {}

    /** Appends to the slots ATTRIBUTES_HOST, ATTRIBUTES_AS_ROOT and ATTRIBUTES_FINAL of {@code plan}. */
    public static void compile(Process process, Linux linux, PlanBuilder plan) throws ConfigException {
        List<Op> beforeNamespaces = plan.at(PlanBuilder.Slot.ATTRIBUTES_HOST);
        List<Op> beforeIdentity = plan.at(PlanBuilder.Slot.ATTRIBUTES_AS_ROOT);
        List<Op> beforeReady = plan.at(PlanBuilder.Slot.ATTRIBUTES_FINAL);

        if (process.oomScoreAdj() != null) beforeNamespaces.add(oomScoreAdj(process.oomScoreAdj()));
        CpuAffinity affinity = process.execCPUAffinity();
        if (affinity != null && notEmpty(affinity.initial())) {
            String field = "process.execCPUAffinity.initial";
            beforeNamespaces.add(new Op.CpuAffinity(Origin.of(field, affinity.initial()), CpuMask.words(affinity.initial(), field)));
        }
        // Raising the scheduling class or the I/O class needs CAP_SYS_NICE / CAP_SYS_ADMIN: while still root,
        // before the capability sets are cut (runc does both at the same point of its init).
        if (process.scheduler() != null) beforeIdentity.add(SchedulerCompiler.compile(process.scheduler()));
        if (process.ioPriority() != null) beforeIdentity.add(ioPriority(process.ioPriority()));
        // personality needs no privilege; before any seccomp filter, which may allow only some personas.
        if (linux.personality() != null) beforeIdentity.add(personality(linux.personality()));
        if (affinity != null && notEmpty(affinity.finalCpus())) {
            // After the init joined its cgroups (Java put the helper there before the plan started); before
            // READY so that a CPU outside the container's cpuset fails `create`, not the later `start`.
            String field = "process.execCPUAffinity.final";
            beforeReady.add(new Op.CpuAffinity(Origin.of(field, affinity.finalCpus()), CpuMask.words(affinity.finalCpus(), field)));
        }
    }

    public static Op oomScoreAdj(int value) throws ConfigException {
        if (value < -1000 || value > 1000) {
            throw new ConfigException("process.oomScoreAdj", "must be between -1000 and 1000, got " + value);
        }
        return new Op.WriteProc(Origin.of("process.oomScoreAdj", Integer.toString(value)), "self/oom_score_adj",
                Integer.toString(value));
    }

    public static Op ioPriority(IoPriority io) throws ConfigException {
        Integer cls = IO_CLASSES.get(io.ioClass());
        if (cls == null) {
            throw new ConfigException("process.ioPriority.class", "unknown class \"" + io.ioClass()
                    + "\" (IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE)");
        }
        if (io.priority() < 0 || io.priority() > 7) {
            throw new ConfigException("process.ioPriority.priority", "must be between 0 and 7, got " + io.priority());
        }
        return new Op.IoPriority(Origin.of("process.ioPriority", io.ioClass() + " " + io.priority()),
                cls << IOPRIO_CLASS_SHIFT | io.priority());
    }

    public static Op personality(Personality p) throws ConfigException {
        Long persona = DOMAINS.get(p.domain());
        if (persona == null) {
            throw new ConfigException("linux.personality.domain", "unknown domain \"" + p.domain() + "\" (LINUX or LINUX32)");
        }
        if (p.flags() != null && !p.flags().isEmpty()) {
            // The runtime-spec defines no flags yet; runc warns and ignores them, and so do we.
            Debug.log(() -> "linux.personality.flags: ignored, no personality flags are supported: " + p.flags());
        }
        return new Op.Personality(Origin.of("linux.personality", p.domain()), persona);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
