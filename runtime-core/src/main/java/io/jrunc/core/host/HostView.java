package io.jrunc.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the plan compiler may ask about the host. An interface so that plan tests can run against a
 * made-up host (any mount table, any cgroup layout) instead of the machine they run on. The cgroup
 * layout is read from {@link #mounts()} by the cgroup package ({@code CgroupLayout.from}): host knows
 * nothing of cgroups, so the dependency points one way.
 */
public interface HostView {
    MountInfo mounts() throws IOException;

    boolean exists(Path path);

    boolean isDirectory(Path path);

    /** The lines of a file, or an empty list when it cannot be read. */
    List<String> readLines(Path path);

    /** Whether two paths lead to the same file (device and inode, links followed): a joined namespace that is our own. */
    default boolean sameFile(Path a, Path b) throws IOException {
        return Files.isSameFile(a, b);
    }

    /** The machine jrunc runs on. */
    static HostView live() {
        return new HostView() {
            private MountInfo mounts;

            public MountInfo mounts() throws IOException {
                if (mounts == null) mounts = MountInfo.ofSelf();
                return mounts;
            }

            public boolean exists(Path path) {
                return Files.exists(path);
            }

            public boolean isDirectory(Path path) {
                return Files.isDirectory(path);
            }

            public List<String> readLines(Path path) {
                try {
                    return Files.readAllLines(path);
                } catch (IOException | RuntimeException e) {
                    return List.of();
                }
            }
        };
    }
}
