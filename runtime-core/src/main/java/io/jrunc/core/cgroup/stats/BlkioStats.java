package io.jrunc.core.cgroup.stats;

import java.util.List;

/** The blkio tables runc reports, each a list of per-device, per-operation values. */
public record BlkioStats(List<Entry> ioServiceBytesRecursive, List<Entry> ioServicedRecursive, List<Entry> ioQueuedRecursive,
                         List<Entry> ioServiceTimeRecursive, List<Entry> ioWaitTimeRecursive, List<Entry> ioMergedRecursive,
                         List<Entry> ioTimeRecursive, List<Entry> sectorsRecursive) {
    public static final BlkioStats EMPTY = new BlkioStats(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());

    public BlkioStats {
        ioServiceBytesRecursive = List.copyOf(ioServiceBytesRecursive);
        ioServicedRecursive = List.copyOf(ioServicedRecursive);
        ioQueuedRecursive = List.copyOf(ioQueuedRecursive);
        ioServiceTimeRecursive = List.copyOf(ioServiceTimeRecursive);
        ioWaitTimeRecursive = List.copyOf(ioWaitTimeRecursive);
        ioMergedRecursive = List.copyOf(ioMergedRecursive);
        ioTimeRecursive = List.copyOf(ioTimeRecursive);
        sectorsRecursive = List.copyOf(sectorsRecursive);
    }

    /** "8:0 Read 4096": op is empty for files without one (sectors, time). */
    public record Entry(long major, long minor, String op, long value) {}
}
