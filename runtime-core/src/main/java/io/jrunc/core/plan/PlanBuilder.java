package io.jrunc.core.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A plan under construction, in named phases; create's and exec's plans are both built with it.
 * The plan is the phases' ops in {@link Phase} order, so a compiler names where its ops belong
 * instead of relying on when it is called. Every sub-compiler follows one convention: it appends
 * ops to the builder and returns none, either to the phase list it is given or, when its ops belong at
 * several places, to named {@link Slot}s ({@link #at}). The compiler that owns a phase decides where
 * within it each slot goes ({@link #place}); a slot's ops are spliced in there when the plan is built,
 * whenever they were appended.
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

    /** Named insertion points for compilers whose ops go to several places of the plan. */
    public enum Slot {
        /** Process attributes for the helper itself, before namespaces: oom_score_adj, the initial affinity. */
        ATTRIBUTES_HOST,
        /** The seccomp agent's socket, connected while host paths are reachable. */
        SECCOMP_AGENT,
        /** LSM exec labels, written while the host's /proc is reachable. */
        LSM_EXEC_LABELS,
        /** Process attributes that need root with every capability: scheduler, I/O priority, personality. */
        ATTRIBUTES_AS_ROOT,
        /** The final CPU affinity, after the cgroups were joined and before the hand-over. */
        ATTRIBUTES_FINAL,
        /** The seccomp filter while still privileged (no no_new_privs): before the uid switch. */
        SECCOMP_AS_ROOT,
        /** The seccomp filter before the hand-over, when the agent needs its fd while create listens. */
        SECCOMP_BEFORE_READY,
        /** The seccomp filter right before execve (no_new_privs, no agent). */
        SECCOMP_BEFORE_EXEC
    }

    /** A slot placed in a phase before the phase's op at {@code index}. */
    private record Placement(int index, Slot slot) {}

    private final Map<Phase, List<Op>> phases = new EnumMap<>(Phase.class);
    private final Map<Phase, List<Placement>> placements = new EnumMap<>(Phase.class);
    private final Map<Slot, List<Op>> slots = new EnumMap<>(Slot.class);
    private final Map<Slot, Phase> placed = new EnumMap<>(Slot.class);
    private final List<Consumer<List<Op>>> finishers = new ArrayList<>();

    public PlanBuilder() {
        for (Phase p : Phase.values()) {
            phases.put(p, new ArrayList<>());
            placements.put(p, new ArrayList<>());
        }
        for (Slot s : Slot.values()) slots.put(s, new ArrayList<>());
    }

    /** The ops of {@code slot} so far; compilers append to it, before or after it was placed. */
    public List<Op> at(Slot slot) {
        return slots.get(slot);
    }

    /** Puts {@code slot} at the current end of {@code phase}: its ops come after the phase's ops so far. */
    public void place(Slot slot, Phase phase) {
        if (placed.putIfAbsent(slot, phase) != null) throw new IllegalStateException(slot + " is already placed");
        placements.get(phase).add(new Placement(phases.get(phase).size(), slot));
    }

    /** A change to the whole plan once built (mount labels apply to mounts other compilers made). */
    public void finish(Consumer<List<Op>> finisher) {
        finishers.add(finisher);
    }

    /** The ops of {@code phase} so far; compilers append to it. */
    public List<Op> phase(Phase phase) {
        return phases.get(phase);
    }

    /** All ops, phase after phase with each placed slot spliced in (a new list each call). */
    public List<Op> ops() {
        for (Slot s : Slot.values()) {
            if (!slots.get(s).isEmpty() && !placed.containsKey(s)) {
                throw new IllegalStateException(slots.get(s).size() + " ops in " + s + ", which no phase placed");
            }
        }
        List<Op> all = new ArrayList<>();
        for (Phase p : Phase.values()) {
            List<Op> ops = phases.get(p);
            List<Placement> at = placements.get(p);
            int next = 0;
            for (int i = 0; i <= ops.size(); i++) {
                for (; next < at.size() && at.get(next).index() == i; next++) all.addAll(slots.get(at.get(next).slot()));
                if (i < ops.size()) all.add(ops.get(i));
            }
        }
        for (Consumer<List<Op>> f : finishers) f.accept(all);
        return all;
    }

    public Plan build() {
        return new Plan(ops());
    }
}
