package io.jrunc.core.compile.process;

import io.jrunc.core.ConfigException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A CPU list as the kernel prints it and the runtime-spec writes it ("0-3,7") -> the cpu_set_t bytes
 * sched_setaffinity(2) takes, as little-endian u32 words (CPU n is bit n). Whether the CPUs exist and
 * are allowed is the kernel's call (EINVAL then names the field); the syntax is checked here.
 */
final class CpuMask {
    /** The kernel's NR_CPUS ceiling on x86_64; a larger number is a typo, not a machine. */
    static final int MAX_CPUS = 8192;

    private CpuMask() {}

    public static List<Long> words(String list, String field) throws ConfigException {
        BitSet cpus = parse(list, field);
        // Whole 64-bit words, the unit of the kernel's cpumask: what glibc's cpu_set_t would hold.
        int longs = Math.max(1, (cpus.length() + 63) / 64);
        List<Long> words = new ArrayList<>(longs * 2);
        for (int w = 0; w < longs * 2; w++) {
            long word = 0;
            for (int b = 0; b < 32; b++) if (cpus.get(w * 32 + b)) word |= 1L << b;
            words.add(word);
        }
        return words;
    }

    public static BitSet parse(String list, String field) throws ConfigException {
        if (list == null || list.isBlank()) throw new ConfigException(field, "empty CPU list");
        BitSet cpus = new BitSet();
        for (String part : list.trim().split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int first = cpu(dash < 0 ? p : p.substring(0, dash), list, field);
            int last = dash < 0 ? first : cpu(p.substring(dash + 1), list, field);
            if (last < first) throw new ConfigException(field, "invalid CPU range \"" + p + "\" in \"" + list + "\"");
            cpus.set(first, last + 1);
        }
        return cpus;
    }

    private static int cpu(String s, String list, String field) throws ConfigException {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            throw new ConfigException(field, "invalid CPU list \"" + list + "\": expected numbers and ranges like \"0-3,7\"");
        }
        int cpu = Integer.parseInt(s);
        if (cpu >= MAX_CPUS) throw new ConfigException(field, "CPU " + cpu + " is beyond " + (MAX_CPUS - 1));
        return cpu;
    }
}
