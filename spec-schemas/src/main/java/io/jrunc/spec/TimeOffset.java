package io.jrunc.spec;

import io.jrunc.spec.json.Uint32;

/** A value of {@code linux.timeOffsets}, keyed by clock ("monotonic", "boottime"). */
public record TimeOffset(Long secs, @Uint32 Long nanosecs) {}
