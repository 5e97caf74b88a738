package io.jrunc.spec;

/** {@code linux.resources.pids}: the task limit, 0 or -1 for none. */
public record Pids(Long limit) {}
