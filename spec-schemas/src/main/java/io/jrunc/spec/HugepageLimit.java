package io.jrunc.spec;

import io.jrunc.spec.json.Uint64;

/** One of {@code linux.resources.hugepageLimits}: a page size like "2MB" and a limit in bytes. */
public record HugepageLimit(String pageSize, @Uint64 long limit) {}
