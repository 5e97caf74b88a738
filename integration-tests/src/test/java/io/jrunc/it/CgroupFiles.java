package io.jrunc.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A container's cgroup files as the host sees them, found the way runc's cgroupfs driver places a
 * relative cgroupsPath: /sys/fs/cgroup/&lt;hierarchy&gt;/&lt;the caller's cgroup there&gt;/&lt;path&gt; (the
 * caller being this test JVM, whose memory cgroup on this host is not the root one). Works for any
 * runtime under test: nothing is read from its state.
 */
public record CgroupFiles(String path) {
    public static final Path MOUNT = Path.of("/sys/fs/cgroup");

    /** The directory of hierarchy {@code name} ("memory", "unified" for cgroup2 on a hybrid host). */
    public Path dir(String name) {
        String base = path.startsWith("/") ? "/" : ownCgroups().getOrDefault(name, "/");
        Path absolute = Path.of(base).resolve(path).normalize();
        return MOUNT.resolve(name).resolve(Path.of("/").relativize(absolute));
    }

    public String read(String hierarchy, String file) {
        try {
            return Files.readString(dir(hierarchy).resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String hierarchy) {
        return Files.isDirectory(dir(hierarchy));
    }

    /** Hierarchy name to this JVM's cgroup in it, from /proc/self/cgroup ("" is cgroup2: "unified"). */
    static Map<String, String> ownCgroups() {
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length != 3) continue;
                if (f[1].isEmpty()) out.put("unified", f[2]);
                else for (String c : f[1].split(",")) out.put(c.replace("name=", ""), f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Whether the host is hybrid like this project's: v1 hierarchies plus cgroup2 at /sys/fs/cgroup/unified. */
    public static boolean hybrid() {
        return Files.exists(MOUNT.resolve("memory/cgroup.procs")) && Files.exists(MOUNT.resolve("unified/cgroup.controllers"));
    }
}
