package io.jrunc.core.cgroup.v2;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.Absent;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.CgroupLayout;
import io.jrunc.core.cgroup.CgroupWriteException;
import io.jrunc.core.cgroup.Controller;
import io.jrunc.core.cgroup.CpusetFiles;
import io.jrunc.core.cgroup.HugetlbFiles;
import io.jrunc.core.cgroup.Knobs;
import io.jrunc.core.cgroup.OomWatch;
import io.jrunc.core.cgroup.PidsMax;
import io.jrunc.core.cgroup.RdmaMax;
import io.jrunc.core.cgroup.ResourceRequest;
import io.jrunc.core.cgroup.stats.CgroupStats;
import io.jrunc.spec.Resources;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * cgroup v2: one directory. A controller is usable when the hierarchy's root offers it
 * (cgroup.controllers); it is enabled down the path before its files are written. On a pure v2
 * host every offered controller is enabled when the container is created, as runc does, so the
 * statistics files exist too; on a hybrid host only what the container needs from v2.
 */
public final class V2Driver implements CgroupDriver {
    private static final List<Controller> ORDER = List.of(Controller.PIDS, Controller.MEMORY, Controller.BLKIO, Controller.CPU,
            Controller.DEVICES, Controller.CPUSET, Controller.HUGETLB, Controller.RDMA, Controller.UNIFIED);

    private final Syscalls sys;
    private final CgroupDir dir;
    private final V2Subtree subtree;
    private final boolean enableAll;
    private Set<String> available;

    /**
     * @param root      the cgroup2 mount the directory is in
     * @param enableAll whether this is the only hierarchy (pure v2), whose controllers are all enabled at create
     */
    public V2Driver(Syscalls sys, CgroupDir dir, Path root, boolean enableAll) {
        this.sys = sys;
        this.dir = dir;
        this.subtree = new V2Subtree(root, dir.path());
        this.enableAll = enableAll;
    }

    public CgroupDir dir() {
        return dir;
    }

    @Override
    public CgroupLayout.Mode mode() {
        return CgroupLayout.Mode.V2;
    }

    @Override
    public List<Controller> order() {
        return ORDER;
    }

    private Set<String> available() {
        if (available == null) available = subtree.available();
        return available;
    }

    @Override
    public boolean supports(Controller c) {
        if (c == Controller.DEVICES || c == Controller.UNIFIED) return true;
        return c.v2Name() != null && available().contains(c.v2Name());
    }

    @Override
    public String unavailable(Controller c) {
        if (c.v2Name() == null) return "cgroup v2 has no " + c.v1Name() + " controller (it is a cgroup v1 controller)";
        return "the " + c.v2Name() + " controller is not offered by the cgroup v2 hierarchy on this host (its cgroup.controllers: \""
                + String.join(" ", available()) + "\")";
    }

    /** Enables every offered controller down the path (pure v2 hosts, at create). */
    public void enableAll() throws ConfigException {
        try {
            subtree.enable(new LinkedHashSet<>(available()), false);
        } catch (CgroupWriteException e) {
            throw Knobs.error("linux.cgroupsPath", e);
        }
    }

    private void enable(Set<String> controllers, String field) throws ConfigException {
        try {
            subtree.enable(controllers);
        } catch (CgroupWriteException e) {
            throw Knobs.error(field, e);
        }
    }

    @Override
    public void apply(ResourceRequest request) throws ConfigException {
        if (enableAll && !request.update()) enableAll();
        CgroupDriver.super.apply(request);
    }

    @Override
    public void write(Controller c, ResourceRequest request) throws ConfigException {
        Resources r = request.resources();
        if (c.v2Name() != null) enable(Set.of(c.v2Name()), c.field(request) == null ? "linux.resources" : c.field(request));
        if (c == Controller.UNIFIED) enable(controllersOf(r), "linux.resources.unified");
        switch (c) {
            case PIDS -> PidsMax.apply(dir, r.pids());
            case MEMORY -> V2Memory.apply(dir, r.memory(), request.update());
            case BLKIO -> V2Io.apply(dir, r.blockIO());
            case CPU -> V2Cpu.apply(dir, r.cpu(), request.update());
            case DEVICES -> V2Devices.apply(sys, dir, request.devices());
            case CPUSET -> CpusetFiles.apply(dir, r.cpu());
            case HUGETLB -> HugetlbFiles.apply(dir, r.hugepageLimits(), HugetlbFiles.Kind.V2);
            case RDMA -> RdmaMax.apply(dir, r.rdma());
            case UNIFIED -> V2Unified.apply(dir, r.unified(), available());
            case NET_CLS, NET_PRIO -> throw new ConfigException(c.field(request), unavailable(c));
        }
    }

    /** The offered controllers that `unified` keys name ("memory.high" needs memory). */
    private Set<String> controllersOf(Resources r) {
        Set<String> out = new LinkedHashSet<>();
        for (String key : Absent.orEmpty(r.unified()).keySet()) {
            String controller = key.split("\\.", 2)[0];
            if (available().contains(controller)) out.add(controller);
        }
        return out;
    }

    @Override
    public CgroupStats stats() throws IOException {
        return V2Stats.read(dir);
    }

    @Override
    public OomWatch watchOom() throws IOException {
        return new V2OomWatch(dir);
    }
}
