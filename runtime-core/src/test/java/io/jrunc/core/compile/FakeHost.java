package io.jrunc.core.compile;

import io.jrunc.core.host.HostView;
import io.jrunc.core.host.MountInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A host for plan tests: a hybrid cgroup layout like this project's machines, and files that exist by decree. */
public class FakeHost implements HostView {
    /** The cgroup mounts of a hybrid host (v1 cpu and memory, cgroup2 at /sys/fs/cgroup/unified). */
    static final List<String> CGROUP_MOUNTS = List.of(
            "31 22 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
            "33 31 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
    static final MountInfo MOUNTS = MountInfo.parse(java.util.stream.Stream.concat(
            java.util.stream.Stream.of("22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw"), CGROUP_MOUNTS.stream()).toList());

    private final Set<String> directories;
    private final Set<String> files;

    FakeHost(Set<String> directories, Set<String> files) {
        this.directories = directories;
        this.files = files;
    }

    /** Every path exists, as a directory. */
    public static FakeHost permissive() {
        return new FakeHost(null, Set.of());
    }

    public MountInfo mounts() {
        return MOUNTS;
    }


    public boolean exists(Path path) {
        return directories == null || directories.contains(path.toString()) || files.contains(path.toString());
    }

    public boolean isDirectory(Path path) {
        return directories == null ? !files.contains(path.toString()) : directories.contains(path.toString());
    }

    public List<String> readLines(Path path) {
        return path.endsWith("etc/passwd") ? List.of("root:x:0:0:root:/root:/bin/sh", "app:x:1000:1000::/home/app:/bin/sh") : List.of();
    }
}
