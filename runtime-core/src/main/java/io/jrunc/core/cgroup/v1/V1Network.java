package io.jrunc.core.cgroup.v1;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.Absent;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.Knobs;
import io.jrunc.spec.InterfacePriority;
import io.jrunc.spec.Network;
import java.util.List;

/** linux.resources.network: net_cls.classid and net_prio.ifpriomap, v1-only controllers. */
public final class V1Network {
    private static final String F = "linux.resources.network.";

    private V1Network() {}

    public static void applyClassId(CgroupDir dir, Network n) throws ConfigException {
        if (n == null || n.classID() == null || n.classID() == 0) return;
        Knobs.set(dir, F + "classID", "net_cls.classid", Long.toString(n.classID()));
    }

    public static void applyPriorities(CgroupDir dir, Network n) throws ConfigException {
        if (n == null) return;
        List<InterfacePriority> p = Absent.orEmpty(n.priorities());
        for (int i = 0; i < p.size(); i++) {
            Knobs.set(dir, F + "priorities[" + i + "]", "net_prio.ifpriomap", p.get(i).name() + " " + p.get(i).priority());
        }
    }
}
