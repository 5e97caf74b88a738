package io.jrunc.spec;

import io.jrunc.spec.json.Uint64;

/**
 * One of {@code process.rlimits}. Limits are uint64: RLIM_INFINITY (18446744073709551615) reads
 * as -1, so compare with {@link Long#compareUnsigned} and pass the bits to setrlimit unchanged.
 */
public record Rlimit(String type, @Uint64 long hard, @Uint64 long soft) {}
