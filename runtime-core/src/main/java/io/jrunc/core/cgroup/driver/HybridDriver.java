package io.jrunc.core.cgroup.driver;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.CgroupLayout;
import io.jrunc.core.cgroup.Controller;
import io.jrunc.core.cgroup.OomWatch;
import io.jrunc.core.cgroup.ResourceRequest;
import io.jrunc.core.cgroup.stats.CgroupStats;
import io.jrunc.core.cgroup.v1.V1Driver;
import io.jrunc.core.cgroup.v2.V2Driver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hybrid hosts (v1 controllers plus a cgroup2 mount, usually /sys/fs/cgroup/unified): each
 * controller goes to v1 where it is mounted there, else to v2 where the unified hierarchy offers it
 * (on this project's host: hugetlb); `unified` always goes to v2. runc's v1 driver ignores the v2
 * side of a hybrid host, so there it fails for hugetlb and refuses `unified`.
 */
public record HybridDriver(V1Driver v1, V2Driver v2) implements CgroupDriver {

    @Override
    public CgroupLayout.Mode mode() {
        return CgroupLayout.Mode.HYBRID;
    }

    @Override
    public List<Controller> order() {
        List<Controller> out = new ArrayList<>(v1.order());
        for (Controller c : v2.order()) if (!out.contains(c)) out.add(c);
        return out;
    }

    @Override
    public boolean supports(Controller c) {
        return v1.supports(c) || v2.supports(c);
    }

    @Override
    public String unavailable(Controller c) {
        return c.v1Name() == null ? v2.unavailable(c)
                : "the " + c.v1Name() + " cgroup controller is neither mounted as cgroup v1 nor offered by the cgroup v2 hierarchy "
                + "on this host";
    }

    @Override
    public void write(Controller c, ResourceRequest request) throws ConfigException {
        if (v1.supports(c)) v1.write(c, request);
        else v2.write(c, request);
    }

    /** v1's statistics, with what v1 lacks taken from v2. */
    @Override
    public CgroupStats stats() throws IOException {
        CgroupStats s = v1.stats();
        if (v1.supports(Controller.HUGETLB) || !v2.supports(Controller.HUGETLB)) return s;
        return s.withHugetlb(v2.stats().hugetlb());
    }

    @Override
    public OomWatch watchOom() throws IOException {
        return v1.supports(Controller.MEMORY) || !v2.supports(Controller.MEMORY) ? v1.watchOom() : v2.watchOom();
    }
}
