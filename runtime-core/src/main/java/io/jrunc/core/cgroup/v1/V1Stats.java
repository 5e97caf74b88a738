package io.jrunc.core.cgroup.v1;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CpuList;
import io.jrunc.core.cgroup.HugetlbFiles;
import io.jrunc.core.cgroup.stats.CgroupStats;
import io.jrunc.core.cgroup.stats.CpuStats;
import io.jrunc.core.cgroup.stats.CpusetStats;
import io.jrunc.core.cgroup.stats.HugetlbStats;
import io.jrunc.core.cgroup.stats.MemoryStats;
import io.jrunc.core.cgroup.stats.MemoryStats.MemoryEntry;
import io.jrunc.core.cgroup.stats.PidsStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Statistics from v1 controller files, read the way runc's fs driver reads them so that `events
 * --stats` prints the same numbers: cpuacct for CPU time (cpuacct.stat is in USER_HZ ticks, 100 a
 * second on Linux), cpu.stat for throttling, memory.* with memory.stat as "raw", the first blkio
 * table family that has data, and hugetlb per page size. A controller without a directory is
 * left at zero.
 */
public final class V1Stats {
    private static final long NS_PER_TICK = 1_000_000_000L / 100;

    private V1Stats() {}

    /** @param dirOf controller name ("memory") to its directory, null where it has none */
    public static CgroupStats read(Function<String, CgroupDir> dirOf) throws IOException {
        CgroupStats s = CgroupStats.empty();
        CpuStats cpu = CpuStats.EMPTY;
        CgroupDir cpuacct = dirOf.apply("cpuacct");
        if (present(cpuacct)) cpu = cpuacct(cpuacct);
        CgroupDir cpuDir = dirOf.apply("cpu");
        if (present(cpuDir) && cpuDir.has("cpu.stat")) {
            Map<String, Long> t = cpuDir.readKeyValues("cpu.stat");
            cpu = cpu.withThrottling(t.getOrDefault("nr_periods", 0L), t.getOrDefault("nr_throttled", 0L),
                    t.getOrDefault("throttled_time", 0L));
        }
        s = s.withCpu(cpu);
        CgroupDir cpuset = dirOf.apply("cpuset");
        if (present(cpuset)) s = s.withCpuset(cpuset(cpuset));
        CgroupDir memory = dirOf.apply("memory");
        if (present(memory) && memory.has("memory.stat")) s = s.withMemory(memory(memory));
        CgroupDir pids = dirOf.apply("pids");
        if (present(pids)) s = s.withPids(pids(pids));
        CgroupDir blkio = dirOf.apply("blkio");
        if (present(blkio)) s = s.withBlkio(V1BlkioStats.read(blkio));
        CgroupDir hugetlb = dirOf.apply("hugetlb");
        if (present(hugetlb)) s = s.withHugetlb(hugetlb(hugetlb));
        return s;
    }

    private static boolean present(CgroupDir d) {
        return d != null && d.exists();
    }

    private static CpuStats cpuacct(CgroupDir d) throws IOException {
        String[] stat = d.read("cpuacct.stat").split("\\s+");
        if (stat.length < 4 || !stat[0].equals("user") || !stat[2].equals("system")) {
            throw new IOException("unexpected content of " + d.file("cpuacct.stat"));
        }
        long user = Long.parseUnsignedLong(stat[1]) * NS_PER_TICK, kernel = Long.parseUnsignedLong(stat[3]) * NS_PER_TICK;
        List<Long> percpu = new ArrayList<>();
        for (String v : d.read("cpuacct.usage_percpu").split("\\s+")) if (!v.isEmpty()) percpu.add(Long.parseUnsignedLong(v));
        List<Long> percpuKernel = new ArrayList<>(), percpuUser = new ArrayList<>();
        if (d.has("cpuacct.usage_all")) {
            List<String> lines = Files.readAllLines(d.file("cpuacct.usage_all"));
            // "cpu user system" header, then one line per CPU
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.split(" ");
                if (f.length != 3) continue;
                percpuKernel.add(Long.parseUnsignedLong(f[2]));
                percpuUser.add(Long.parseUnsignedLong(f[1]));
            }
        }
        return new CpuStats(d.readUint("cpuacct.usage"), percpu, percpuKernel, percpuUser, kernel, user, 0, 0, 0);
    }

    private static CpusetStats cpuset(CgroupDir d) throws IOException {
        return new CpusetStats(list(d, "cpuset.cpus"), uint(d, "cpuset.cpu_exclusive"), list(d, "cpuset.mems"),
                uint(d, "cpuset.mem_hardwall"), uint(d, "cpuset.mem_exclusive"), uint(d, "cpuset.memory_migrate"),
                uint(d, "cpuset.memory_spread_page"), uint(d, "cpuset.memory_spread_slab"), uint(d, "cpuset.memory_pressure"),
                uint(d, "cpuset.sched_load_balance"), signed(d, "cpuset.sched_relax_domain_level"));
    }

    private static List<Integer> list(CgroupDir d, String file) throws IOException {
        String v = d.readIfExists(file);
        return v == null ? List.of() : CpuList.parse(v);
    }

    private static long uint(CgroupDir d, String file) throws IOException {
        return d.has(file) ? d.readUint(file) : 0;
    }

    private static long signed(CgroupDir d, String file) throws IOException {
        String v = d.readIfExists(file);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static MemoryStats memory(CgroupDir d) throws IOException {
        Map<String, Long> raw = new TreeMap<>(d.readKeyValues("memory.stat"));
        return new MemoryStats(raw.getOrDefault("cache", 0L), entry(d, "memory", false), entry(d, "memory.memsw", true),
                entry(d, "memory.kmem", true), entry(d, "memory.kmem.tcp", true), raw);
    }

    /** memory{,.memsw,.kmem,.kmem.tcp}.{limit_in_bytes,usage_in_bytes,max_usage_in_bytes,failcnt}. */
    private static MemoryEntry entry(CgroupDir d, String prefix, boolean optional) throws IOException {
        long usage;
        try {
            usage = d.readUint(prefix + ".usage_in_bytes");
        } catch (NoSuchFileException e) {
            if (optional) return MemoryEntry.EMPTY; // swap and kernel accounting may be off
            throw e;
        }
        return new MemoryEntry(d.readUint(prefix + ".limit_in_bytes"), usage, d.readUint(prefix + ".max_usage_in_bytes"),
                d.readUint(prefix + ".failcnt"));
    }

    private static PidsStats pids(CgroupDir d) throws IOException {
        String max = d.read("pids.max");
        return new PidsStats(d.readUint("pids.current"), max.equals("max") ? 0 : CgroupDir.parseUint(max, d.file("pids.max")));
    }

    private static Map<String, HugetlbStats> hugetlb(CgroupDir d) throws IOException {
        Map<String, HugetlbStats> out = new TreeMap<>();
        for (String size : HugetlbFiles.sizes(d, HugetlbFiles.Kind.V1)) {
            String p = "hugetlb." + size + ".";
            out.put(size, new HugetlbStats(d.readUint(p + "usage_in_bytes"), d.readUint(p + "max_usage_in_bytes"),
                    d.readUint(p + "failcnt")));
        }
        return out;
    }
}
