package io.jrunc.core.cgroup.v1;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.CgroupLayout;
import io.jrunc.core.cgroup.Controller;
import io.jrunc.core.cgroup.CpusetFiles;
import io.jrunc.core.cgroup.HugetlbFiles;
import io.jrunc.core.cgroup.OomWatch;
import io.jrunc.core.cgroup.PidsMax;
import io.jrunc.core.cgroup.RdmaMax;
import io.jrunc.core.cgroup.ResourceRequest;
import io.jrunc.core.cgroup.stats.CgroupStats;
import io.jrunc.spec.Resources;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1: one directory per mounted hierarchy, keyed by hierarchy name ("cpu", "cpu,cpuacct",
 * "name=systemd"); a co-mounted hierarchy serves each of its controllers. Files are written in the
 * order of runc's fs driver.
 */
public final class V1Driver implements CgroupDriver {
    private static final List<Controller> ORDER = List.of(Controller.CPUSET, Controller.DEVICES, Controller.MEMORY, Controller.CPU,
            Controller.PIDS, Controller.BLKIO, Controller.HUGETLB, Controller.NET_CLS, Controller.NET_PRIO, Controller.RDMA);

    private final Syscalls sys;
    private final Map<String, CgroupDir> byController = new LinkedHashMap<>();

    public V1Driver(Syscalls sys, Map<String, Path> hierarchies) {
        this.sys = sys;
        hierarchies.forEach((name, dir) -> {
            for (String c : name.split(",")) byController.putIfAbsent(c, new CgroupDir(dir));
        });
    }

    /** The directory of a v1 controller ("memory", "cpuacct"), or null when none is mounted. */
    public CgroupDir dir(String controller) {
        return byController.get(controller);
    }

    @Override
    public CgroupLayout.Mode mode() {
        return CgroupLayout.Mode.V1;
    }

    @Override
    public List<Controller> order() {
        return ORDER;
    }

    @Override
    public boolean supports(Controller c) {
        return c.v1Name() != null && byController.containsKey(c.v1Name());
    }

    @Override
    public String unavailable(Controller c) {
        if (c == Controller.UNIFIED) return "cannot use unified on cgroup v1";
        return "the " + c.v1Name() + " cgroup controller is not mounted on this host";
    }

    @Override
    public void write(Controller c, ResourceRequest request) throws ConfigException {
        Resources r = request.resources();
        CgroupDir dir = byController.get(c.v1Name());
        switch (c) {
            case CPUSET -> CpusetFiles.apply(dir, r.cpu());
            case DEVICES -> V1Devices.apply(dir, request.devices());
            case MEMORY -> V1Memory.apply(dir, r.memory());
            case CPU -> V1Cpu.apply(dir, r.cpu());
            case PIDS -> PidsMax.apply(dir, r.pids());
            case BLKIO -> V1Blkio.apply(dir, r.blockIO());
            case HUGETLB -> HugetlbFiles.apply(dir, r.hugepageLimits(), HugetlbFiles.Kind.V1);
            case NET_CLS -> V1Network.applyClassId(dir, r.network());
            case NET_PRIO -> V1Network.applyPriorities(dir, r.network());
            case RDMA -> RdmaMax.apply(dir, r.rdma());
            case UNIFIED -> throw new ConfigException("linux.resources.unified", unavailable(c));
        }
    }

    @Override
    public CgroupStats stats() throws IOException {
        return V1Stats.read(byController::get);
    }

    @Override
    public OomWatch watchOom() throws IOException {
        CgroupDir memory = byController.get("memory");
        if (memory != null) return V1OomWatch.open(sys, memory);
        if (byController.isEmpty()) throw new IOException("the container has no cgroup to watch");
        return OomWatch.untilRemoved(byController.values().iterator().next());
    }
}
