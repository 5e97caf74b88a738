package io.jrunc.spec;

import io.jrunc.spec.json.Uint64;

/**
 * {@code linux.resources.cpu}: CFS shares, quota/burst/period and realtime times in microseconds,
 * cpuset lists like "0-3,7".
 *
 * @param idle 0 for the default, 1 for SCHED_IDLE weight
 */
public record Cpu(
        @Uint64 Long shares,
        Long quota,
        @Uint64 Long burst,
        @Uint64 Long period,
        Long realtimeRuntime,
        @Uint64 Long realtimePeriod,
        String cpus,
        String mems,
        Long idle) {}
