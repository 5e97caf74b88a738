package io.jrunc.core.cgroup.stats;

/** One huge page size: bytes in use, peak (v1 only), and how often an allocation hit the limit. */
public record HugetlbStats(long usage, long max, long failcnt) {}
