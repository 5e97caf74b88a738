package io.jrunc.spec;

import io.jrunc.spec.json.Uint64;

/**
 * {@code linux.resources.memory}. Limits are bytes, -1 for unlimited. {@code kernel} and
 * {@code kernelTCP} are deprecated (cgroup v1 only) but still parsed.
 */
public record Memory(
        Long limit,
        Long reservation,
        Long swap,
        Long kernel,
        Long kernelTCP,
        @Uint64 Long swappiness,
        Boolean disableOOMKiller,
        Boolean useHierarchy,
        Boolean checkBeforeUpdate) {
    /** Only the limits (and checkBeforeUpdate): the part of {@code memory} that {@code update} applies. */
    public static Memory limits(Long limit, Long reservation, Long swap, Long kernel, Long kernelTCP, Boolean checkBeforeUpdate) {
        return new Memory(limit, reservation, swap, kernel, kernelTCP, null, null, null, checkBeforeUpdate);
    }

    // Defaults for absent members as methods, so that null still writes out as absent.

    /** {@code disableOOMKiller}, false when absent. */
    public boolean disableOOMKillerOrFalse() {
        return disableOOMKiller != null && disableOOMKiller;
    }

    /** {@code useHierarchy}, true when absent (the kernel's behaviour; only an explicit false asks otherwise). */
    public boolean useHierarchyOrTrue() {
        return useHierarchy == null || useHierarchy;
    }

    /** {@code checkBeforeUpdate}, false when absent. */
    public boolean checkBeforeUpdateOrFalse() {
        return checkBeforeUpdate != null && checkBeforeUpdate;
    }
}
