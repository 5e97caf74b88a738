package io.jrunc.core.cgroup;

import io.jrunc.core.host.MountInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which cgroup hierarchies the host has mounted: pure v1, pure v2 (cgroup2 at /sys/fs/cgroup), or
 * hybrid (v1 controllers plus a cgroup2 mount, usually /sys/fs/cgroup/unified). Read from mountinfo,
 * never assumed, so tests can hand in a made-up layout.
 */
public record CgroupLayout(Mode mode, List<Hierarchy> hierarchies) {
    public enum Mode { V1, V2, HYBRID, NONE }

    private static final Set<String> GENERIC_OPTIONS = Set.of("rw", "ro", "relatime", "noatime", "nosuid",
            "nodev", "noexec", "clone_children", "xattr", "nsdelegate", "memory_recursiveprot", "favordynmods",
            "memory_localevents", "memory_hugetlb_accounting");

    public static CgroupLayout from(MountInfo mounts) {
        List<Hierarchy> found = new ArrayList<>();
        boolean v1 = false, v2 = false;
        for (MountInfo.Entry e : mounts.entries()) {
            if (e.fstype().equals("cgroup")) {
                List<String> ctrls = Arrays.stream(e.superOptions().split(","))
                        .filter(o -> !GENERIC_OPTIONS.contains(o) && !o.startsWith("release_agent="))
                        .toList();
                if (ctrls.isEmpty() || found.stream().anyMatch(h -> h.controllers().equals(ctrls))) continue;
                found.add(new Hierarchy(String.join(",", ctrls), Path.of(e.mountPoint()), 1, ctrls));
                v1 = true;
            } else if (e.fstype().equals("cgroup2") && found.stream().noneMatch(Hierarchy::isV2)) {
                found.add(new Hierarchy("", Path.of(e.mountPoint()), 2, List.of()));
                v2 = true;
            }
        }
        Mode mode = v1 && v2 ? Mode.HYBRID : v1 ? Mode.V1 : v2 ? Mode.V2 : Mode.NONE;
        return new CgroupLayout(mode, List.copyOf(found));
    }

    /** The hierarchy with this controller (v1), or the v2 hierarchy when the host is pure v2. */
    public Hierarchy withController(String controller) {
        for (Hierarchy h : hierarchies) if (h.controllers().contains(controller)) return h;
        return mode == Mode.V2 ? hierarchies.getFirst() : null;
    }
}
