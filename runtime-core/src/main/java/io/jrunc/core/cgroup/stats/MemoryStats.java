package io.jrunc.core.cgroup.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * Memory counters: page cache, usage/limit entries for memory, memory+swap, kernel and kernel TCP
 * (v1 names; v2 is mapped onto them as runc does), and memory.stat as is ({@code raw}, sorted).
 */
public record MemoryStats(long cache, MemoryEntry usage, MemoryEntry swap, MemoryEntry kernel, MemoryEntry kernelTcp,
                          Map<String, Long> raw) {
    public static final MemoryStats EMPTY = new MemoryStats(0, MemoryEntry.EMPTY, MemoryEntry.EMPTY, MemoryEntry.EMPTY,
            MemoryEntry.EMPTY, Map.of());

    public MemoryStats {
        raw = java.util.Collections.unmodifiableMap(new TreeMap<>(raw));
    }

    /** One counter group: limit, current usage, peak usage, how often the limit was hit. */
    public record MemoryEntry(long limit, long usage, long max, long failcnt) {
        public static final MemoryEntry EMPTY = new MemoryEntry(0, 0, 0, 0);
    }
}
