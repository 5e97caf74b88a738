package io.jrunc.core.cgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * One mounted cgroup hierarchy. {@code name} is the key used in /proc/PID/cgroup ("memory",
 * "cpu,cpuacct", "name=systemd", or "" for cgroup2), {@code controllers} what it controls.
 */
public record Hierarchy(String name, Path mountPoint, int version, List<String> controllers) {
    public boolean isV2() {
        return version == 2;
    }

    /** The mount data that mounts this hierarchy again (inside a cgroup namespace). */
    public String mountData() {
        return isV2() ? "" : name;
    }
}
