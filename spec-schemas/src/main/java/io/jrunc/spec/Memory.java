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
        Boolean checkBeforeUpdate) {}
