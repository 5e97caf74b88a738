package io.jrunc.core.compile;

import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A plan under construction, in named phases; create's and exec's plans are both built with it.
 * The plan is the phases' ops in {@link Phase} order, so a compiler names where its ops belong
 * instead of relying on when it is called. Every sub-compiler follows one convention: it appends
 * to the op list it is given, which is one phase of this builder.
 */
public final class PlanBuilder {
    /** The phases of every plan, in the order the helper runs them. */
    public enum Phase {
        /** The helper itself, still in the caller's namespaces: handles, oom_score_adj, the initial affinity. */
        HOST,
        /** Namespaces created or joined, FORK of the init (or exec's process), what needs the host's /proc. */
        NAMESPACES,
        /** create only: the rootfs, the config's mounts and devices, the runtime hooks, the pivot, readonly and masked paths. */
        ROOTFS,
        /** hostname, terminal, rlimits, keyring, then the process attributes, groups, cwd and executable as the user. */
        IDENTITY,
        /** The seccomp filter where no_new_privs allows it, the uid, the capability sets, no_new_privs. */
        SECCOMP,
        /** create only: READY, the sync point {@code RECORDED}, startContainer hooks, the wait on the exec fifo. */
        READY,
        /** The filter when no_new_privs is on, then execve. */
        EXEC
    }

    private final Map<Phase, List<Op>> phases = new EnumMap<>(Phase.class);

    public PlanBuilder() {
        for (Phase p : Phase.values()) phases.put(p, new ArrayList<>());
    }

    /** The ops of {@code phase} so far; compilers append to it. */
    public List<Op> phase(Phase phase) {
        return phases.get(phase);
    }

    /** All ops, phase after phase (a new list each call). */
    public List<Op> ops() {
        List<Op> all = new ArrayList<>();
        for (Phase p : Phase.values()) all.addAll(phases.get(p));
        return all;
    }

    public Plan build() {
        return new Plan(ops());
    }
}
