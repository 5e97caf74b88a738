package io.jrunc.core.cgroup.stats;

/** Tasks in the cgroup and pids.max (0 when it is "max"). */
public record PidsStats(long current, long limit) {
    public static final PidsStats EMPTY = new PidsStats(0, 0);
}
