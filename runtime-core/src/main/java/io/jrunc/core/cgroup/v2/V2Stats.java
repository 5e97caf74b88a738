package io.jrunc.core.cgroup.v2;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.HugetlbFiles;
import io.jrunc.core.cgroup.stats.BlkioStats;
import io.jrunc.core.cgroup.stats.BlkioStats.Entry;
import io.jrunc.core.cgroup.stats.CgroupStats;
import io.jrunc.core.cgroup.stats.CpuStats;
import io.jrunc.core.cgroup.stats.HugetlbStats;
import io.jrunc.core.cgroup.stats.MemoryStats;
import io.jrunc.core.cgroup.stats.MemoryStats.MemoryEntry;
import io.jrunc.core.cgroup.stats.PidsStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Statistics from one v2 cgroup, mapped onto runc's v1-shaped report as runc's fs2 driver maps
 * them: cpu.stat microseconds become nanoseconds, memory.stat's "file" is the cache, swap is
 * reported as memory+swap like v1, io.stat's rbytes/wbytes and rios/wios become the Read/Write rows
 *of the two v1 tables, hugetlb's events "max" is the failcnt. Files of controllers this cgroup does
 * not have are skipped.
 */
public final class V2Stats {
    private V2Stats() {}

    public static CgroupStats read(CgroupDir d) throws IOException {
        CgroupStats s = CgroupStats.empty().withPids(pids(d));
        if (d.has("memory.stat")) s = s.withMemory(memory(d));
        if (d.has("io.stat")) s = s.withBlkio(io(d));
        if (d.has("cpu.stat")) s = s.withCpu(cpu(d));
        return s.withHugetlb(hugetlb(d));
    }

    /** Without the pids controller, the tasks are counted from cgroup.procs of the whole subtree. */
    private static PidsStats pids(CgroupDir d) throws IOException {
        if (!d.has("pids.current")) return new PidsStats(countProcs(d.path()), 0);
        String max = d.read("pids.max");
        return new PidsStats(d.readUint("pids.current"), max.equals("max") ? 0 : CgroupDir.parseUint(max, d.file("pids.max")));
    }

    private static long countProcs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            long n = 0;
            for (Path p : walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                n += Files.readAllLines(p).stream().filter(l -> !l.isBlank()).count();
            }
            return n;
        }
    }

    private static MemoryStats memory(CgroupDir d) throws IOException {
        Map<String, Long> raw = new TreeMap<>(d.readKeyValues("memory.stat"));
        MemoryEntry usage = new MemoryEntry(d.readUint("memory.max"), d.readUint("memory.current"), 0, 0);
        // v1 reported memory+swap; runc keeps that meaning on v2 for its clients (no swap accounting: swap 0).
        boolean accounted = d.has("memory.swap.current");
        long swapLimit = accounted ? d.readUint("memory.swap.max") : 0;
        long swapUsage = accounted ? d.readUint("memory.swap.current") : 0;
        MemoryEntry swap = new MemoryEntry(swapLimit == -1 ? -1 : swapLimit + usage.limit(), swapUsage + usage.usage(), 0, 0);
        return new MemoryStats(raw.getOrDefault("file", 0L), usage, swap, MemoryEntry.EMPTY, MemoryEntry.EMPTY, raw);
    }

    private static CpuStats cpu(CgroupDir d) throws IOException {
        Map<String, Long> s = d.readKeyValues("cpu.stat");
        return new CpuStats(s.getOrDefault("usage_usec", 0L) * 1000, List.of(), List.of(), List.of(),
                s.getOrDefault("system_usec", 0L) * 1000, s.getOrDefault("user_usec", 0L) * 1000,
                s.getOrDefault("nr_periods", 0L), s.getOrDefault("nr_throttled", 0L), s.getOrDefault("throttled_usec", 0L) * 1000);
    }

    /** "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" per device. */
    private static BlkioStats io(CgroupDir d) throws IOException {
        List<Entry> bytes = new ArrayList<>(), ios = new ArrayList<>();
        for (String line : Files.readAllLines(d.file("io.stat"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) continue;
            String[] dev = f[0].split(":");
            if (dev.length != 2) continue;
            long major = Long.parseUnsignedLong(dev[0]), minor = Long.parseUnsignedLong(dev[1]);
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=");
                if (kv.length != 2) continue;
                long v = Long.parseUnsignedLong(kv[1]);
                switch (kv[0]) {
                    case "rbytes" -> bytes.add(new Entry(major, minor, "Read", v));
                    case "wbytes" -> bytes.add(new Entry(major, minor, "Write", v));
                    case "rios" -> ios.add(new Entry(major, minor, "Read", v));
                    case "wios" -> ios.add(new Entry(major, minor, "Write", v));
                    default -> { } // no v1 table for these (discards, flushes)
                }
            }
        }
        return new BlkioStats(bytes, ios, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Map<String, HugetlbStats> hugetlb(CgroupDir d) throws IOException {
        Map<String, HugetlbStats> out = new TreeMap<>();
        for (String size : HugetlbFiles.sizes(d, HugetlbFiles.Kind.V2)) {
            String p = "hugetlb." + size + ".";
            long failcnt = d.has(p + "events") ? d.readKeyValues(p + "events").getOrDefault("max", 0L) : 0;
            out.put(size, new HugetlbStats(d.readUint(p + "current"), 0, failcnt));
        }
        return out;
    }
}
