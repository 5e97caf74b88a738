package io.jrunc.core.cgroup;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns linux.cgroupsPath into one directory per hierarchy, as runc's cgroupfs driver does:
 * an absolute path is taken under each mount point; a relative one (and the default, the container
 * id, when cgroupsPath is absent) is taken relative to the caller's own cgroup in that hierarchy.
 */
public final class CgroupPaths {
    private CgroupPaths() {}

    /**
     * @param own the caller's /proc/self/cgroup lines ("4:memory:/a/b")
     */
    public static Map<String, Path> resolve(CgroupLayout layout, String cgroupsPath, String id, List<String> own) {
        String wanted = cgroupsPath == null || cgroupsPath.isEmpty() ? id : cgroupsPath;
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Hierarchy h : layout.hierarchies()) {
            String base = wanted.startsWith("/") ? "/" : ownPath(own, h);
            Path rel = Path.of(base).resolve(wanted).normalize();
            dirs.put(h.name(), h.mountPoint().resolve(Path.of("/").relativize(rel)));
        }
        return dirs;
    }

    private static String ownPath(List<String> own, Hierarchy h) {
        for (String line : own) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && f[1].equals(h.name())) return f[2];
        }
        return "/";
    }
}
