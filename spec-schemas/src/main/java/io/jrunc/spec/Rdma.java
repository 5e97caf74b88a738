package io.jrunc.spec;

import io.jrunc.spec.json.Uint32;

/** A value of {@code linux.resources.rdma}: HCA limits of one device; null means no limit. */
public record Rdma(@Uint32 Long hcaHandles, @Uint32 Long hcaObjects) {}
