package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;
import io.jrunc.spec.Pids;

/** pids.max, the same file in v1 and v2: a positive limit as is, a negative one as "max", 0 leaves it. */
public final class PidsMax {
    private PidsMax() {}

    public static void apply(CgroupDir dir, Pids p) throws ConfigException {
        if (p == null || p.limit() == null || p.limit() == 0) return;
        Knobs.set(dir, "linux.resources.pids.limit", "pids.max", p.limit() > 0 ? Long.toString(p.limit()) : "max");
    }
}
