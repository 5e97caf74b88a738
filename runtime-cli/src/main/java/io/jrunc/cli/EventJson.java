package io.jrunc.cli;

import io.jrunc.core.cgroup.stats.BlkioStats;
import io.jrunc.core.cgroup.stats.CgroupStats;
import io.jrunc.core.cgroup.stats.CpuStats;
import io.jrunc.core.cgroup.stats.CpusetStats;
import io.jrunc.core.cgroup.stats.HugetlbStats;
import io.jrunc.core.cgroup.stats.MemoryStats;
import io.jrunc.core.cgroup.stats.MemoryStats.MemoryEntry;
import io.jrunc.core.lifecycle.ContainerEvents.Event;
import io.jrunc.spec.json.GoJsonText;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One `events` line exactly as runc 1.1 prints it (Go's encoding/json of runc's types.Event and
 * types.Stats): the same key order, "omitempty" members left out when zero or empty, uint64 numbers
 * unsigned, structs always present, map keys sorted, "intel_rdt":{} and "network_interfaces":null.
 * Shims and monitoring tools parse these lines, so the shape is the contract.
 */
final class EventJson {
    private final StringBuilder b = new StringBuilder(4096);

    private EventJson() {}

    static String line(Event e) {
        EventJson j = new EventJson();
        j.b.append("{\"type\":").append(e instanceof Event.Oom ? "\"oom\"" : "\"stats\"").append(",\"id\":");
        string(j.b, e.id());
        if (e instanceof Event.Stats s) {
            j.b.append(",\"data\":");
            j.stats(s.stats());
        }
        return j.b.append('}').toString();
    }

    private void stats(CgroupStats s) {
        b.append("{\"cpu\":");
        cpu(s.cpu());
        b.append(",\"cpuset\":");
        cpuset(s.cpuset());
        b.append(",\"memory\":");
        memory(s.memory());
        b.append(",\"pids\":{");
        Fields f = new Fields();
        f.omitZero("current", s.pids().current()).omitZero("limit", s.pids().limit());
        b.append("},\"blkio\":");
        blkio(s.blkio());
        b.append(",\"hugetlb\":{");
        Fields h = new Fields();
        for (var e : new TreeMap<>(s.hugetlb()).entrySet()) {
            h.key(e.getKey());
            hugetlb(e.getValue());
        }
        b.append("},\"intel_rdt\":{},\"network_interfaces\":null}");
    }

    private void cpu(CpuStats c) {
        b.append("{\"usage\":{");
        Fields u = new Fields();
        u.omitZero("total", c.total()).omitEmpty("percpu", c.percpu()).omitEmpty("percpu_kernel", c.percpuKernel())
                .omitEmpty("percpu_user", c.percpuUser()).always("kernel", c.kernel()).always("user", c.user());
        b.append("},\"throttling\":{");
        Fields t = new Fields();
        t.omitZero("periods", c.periods()).omitZero("throttledPeriods", c.throttledPeriods())
                .omitZero("throttledTime", c.throttledTime());
        b.append("}}");
    }

    private void cpuset(CpusetStats c) {
        b.append('{');
        Fields f = new Fields();
        f.omitEmpty("cpus", c.cpus()).always("cpu_exclusive", c.cpuExclusive()).omitEmpty("mems", c.mems())
                .always("mem_hardwall", c.memHardwall()).always("mem_exclusive", c.memExclusive())
                .always("memory_migrate", c.memoryMigrate()).always("memory_spread_page", c.memorySpreadPage())
                .always("memory_spread_slab", c.memorySpreadSlab()).always("memory_pressure", c.memoryPressure())
                .always("sched_load_balance", c.schedLoadBalance()).signed("sched_relax_domain_level", c.schedRelaxDomainLevel());
        b.append('}');
    }

    private void memory(MemoryStats m) {
        b.append('{');
        Fields f = new Fields();
        f.omitZero("cache", m.cache());
        f.key("usage");
        entry(m.usage());
        f.key("swap");
        entry(m.swap());
        f.key("kernel");
        entry(m.kernel());
        f.key("kernelTCP");
        entry(m.kernelTcp());
        if (!m.raw().isEmpty()) {
            f.key("raw");
            b.append('{');
            Fields r = new Fields();
            for (Map.Entry<String, Long> e : new TreeMap<>(m.raw()).entrySet()) r.always(e.getKey(), e.getValue());
            b.append('}');
        }
        b.append('}');
    }

    private void entry(MemoryEntry e) {
        b.append('{');
        new Fields().always("limit", e.limit()).omitZero("usage", e.usage()).omitZero("max", e.max()).always("failcnt", e.failcnt());
        b.append('}');
    }

    private void blkio(BlkioStats s) {
        b.append('{');
        Fields f = new Fields();
        table(f, "ioServiceBytesRecursive", s.ioServiceBytesRecursive());
        table(f, "ioServicedRecursive", s.ioServicedRecursive());
        table(f, "ioQueueRecursive", s.ioQueuedRecursive());
        table(f, "ioServiceTimeRecursive", s.ioServiceTimeRecursive());
        table(f, "ioWaitTimeRecursive", s.ioWaitTimeRecursive());
        table(f, "ioMergedRecursive", s.ioMergedRecursive());
        table(f, "ioTimeRecursive", s.ioTimeRecursive());
        table(f, "sectorsRecursive", s.sectorsRecursive());
        b.append('}');
    }

    private void table(Fields f, String name, List<BlkioStats.Entry> entries) {
        if (entries.isEmpty()) return;
        f.key(name);
        b.append('[');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) b.append(',');
            BlkioStats.Entry e = entries.get(i);
            b.append('{');
            Fields g = new Fields().omitZero("major", e.major()).omitZero("minor", e.minor());
            if (!e.op().isEmpty()) {
                g.key("op");
                string(b, e.op());
            }
            g.omitZero("value", e.value());
            b.append('}');
        }
        b.append(']');
    }

    private void hugetlb(HugetlbStats h) {
        b.append('{');
        new Fields().omitZero("usage", h.usage()).omitZero("max", h.max()).always("failcnt", h.failcnt());
        b.append('}');
    }

    /** The members of one object: commas between them, and Go's omitempty rules. */
    private final class Fields {
        private boolean first = true;

        Fields key(String name) {
            if (!first) b.append(',');
            first = false;
            string(b, name);
            b.append(':');
            return this;
        }

        Fields always(String name, long unsigned) {
            key(name).b().append(Long.toUnsignedString(unsigned));
            return this;
        }

        Fields signed(String name, long value) {
            key(name).b().append(value);
            return this;
        }

        Fields omitZero(String name, long unsigned) {
            return unsigned == 0 ? this : always(name, unsigned);
        }

        Fields omitEmpty(String name, List<? extends Number> values) {
            if (values.isEmpty()) return this;
            key(name).b().append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) b.append(',');
                b.append(Long.toUnsignedString(values.get(i).longValue()));
            }
            b.append(']');
            return this;
        }

        private StringBuilder b() {
            return b;
        }
    }

    /** A JSON string as Go writes it (HTML-sensitive characters escaped too). */
    static void string(StringBuilder b, String s) {
        GoJsonText.quote(b, s);
    }
}
