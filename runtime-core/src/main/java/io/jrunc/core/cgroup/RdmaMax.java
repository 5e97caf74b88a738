package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;
import io.jrunc.spec.Rdma;
import java.util.Map;
import java.util.TreeMap;

/**
 * linux.resources.rdma: one "DEVICE hca_handle=N hca_object=M" line per device to rdma.max (the
 * same file in v1 and v2); a limit left out stays as it is.
 */
public final class RdmaMax {
    private RdmaMax() {}

    public static void apply(CgroupDir dir, Map<String, Rdma> rdma) throws ConfigException {
        for (var e : new TreeMap<>(Absent.orEmpty(rdma)).entrySet()) {
            StringBuilder line = new StringBuilder(e.getKey());
            Rdma limits = e.getValue();
            if (limits != null && limits.hcaHandles() != null) line.append(" hca_handle=").append(limits.hcaHandles());
            if (limits != null && limits.hcaObjects() != null) line.append(" hca_object=").append(limits.hcaObjects());
            Knobs.set(dir, "linux.resources.rdma[\"" + e.getKey() + "\"]", "rdma.max", line.toString());
        }
    }
}
