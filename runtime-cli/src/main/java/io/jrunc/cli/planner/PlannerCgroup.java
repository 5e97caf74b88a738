package io.jrunc.cli.planner;

import io.jrunc.core.cgroup.CgroupLayout;
import io.jrunc.core.cgroup.Hierarchy;
import io.jrunc.core.host.MountInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the planner into a cgroup of its own, {@value #NAME} at the root of every hierarchy it can
 * write. It is started from whatever cgroup the first caller was in (a container engine's, a
 * shim's scope); left there it would be killed when that cgroup is, hold it from being removed, and
 * count against its limits.
 */
final class PlannerCgroup {
    static final String NAME = "jrunc-planner";

    private PlannerCgroup() {}

    /** Moves {@code pid}; returns what could not be done, one line per hierarchy (rootless: most). */
    static List<String> escape(long pid) {
        List<String> problems = new ArrayList<>();
        CgroupLayout layout;
        try {
            layout = CgroupLayout.from(MountInfo.ofSelf());
        } catch (IOException e) {
            problems.add("mountinfo: " + e.getMessage());
            return problems;
        }
        for (Hierarchy h : layout.hierarchies()) {
            Path dir = h.mountPoint().resolve(NAME);
            try {
                Files.createDirectories(dir);
                if (h.controllers().contains("cpuset")) {
                    // cgroup v1 cpuset: a new cgroup starts with no cpus and mems, and joining it fails.
                    for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
                        Path mine = dir.resolve(f);
                        if (Files.readString(mine).isBlank()) Files.writeString(mine, Files.readString(h.mountPoint().resolve(f)).trim());
                    }
                }
                Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
            } catch (IOException | RuntimeException e) {
                problems.add(h.mountPoint() + ": " + e.getMessage());
            }
        }
        return problems;
    }
}
