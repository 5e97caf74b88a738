package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;

/**
 * Where runc's systemd cgroup driver puts a container, as a cgroupfs path: cgroupsPath is
 * "slice:prefix:name"; the container is the scope unit "prefix-name.scope" (or the slice "name" when
 * it ends in .slice) inside the slice, whose name expands into its parents ("a-b.slice" is
 * /a.slice/a-b.slice). No cgroupsPath means "system.slice:runc:ID". jrunc makes that directory
 * through cgroupfs like any other path (it does not ask systemd over D-Bus for a transient unit).
 */
public final class SystemdPath {
    private SystemdPath() {}

    public static String toCgroupfs(String cgroupsPath, String id) throws ConfigException {
        String slice = "system.slice", prefix = "runc", name = id;
        if (cgroupsPath != null && !cgroupsPath.isEmpty()) {
            String[] parts = cgroupsPath.split(":", -1);
            if (parts.length != 3) {
                throw new ConfigException("linux.cgroupsPath", "expected cgroupsPath to be of format \"slice:prefix:name\" for systemd "
                        + "cgroups, got \"" + cgroupsPath + "\" instead");
            }
            slice = parts[0].isEmpty() ? "system.slice" : parts[0];
            prefix = parts[1];
            name = parts[2];
        }
        String unit = name.endsWith(".slice") ? name : (prefix.isEmpty() ? "" : prefix + "-") + name + ".scope";
        if (unit.contains("/")) throw new ConfigException("linux.cgroupsPath", "invalid unit name \"" + unit + "\"");
        String parent = expandSlice(slice);
        return (parent.equals("/") ? "" : parent) + "/" + unit;
    }

    /** systemd's slice naming: "-.slice" is the root, "a-b-c.slice" lives in a.slice/a-b.slice. */
    static String expandSlice(String slice) throws ConfigException {
        if (!slice.endsWith(".slice") || slice.contains("/")) {
            throw new ConfigException("linux.cgroupsPath", "invalid slice name \"" + slice + "\" (it must end in .slice)");
        }
        if (slice.equals("-.slice")) return "/";
        String base = slice.substring(0, slice.length() - ".slice".length());
        if (base.isEmpty() || base.startsWith("-") || base.endsWith("-") || base.contains("--")) {
            throw new ConfigException("linux.cgroupsPath", "invalid slice name \"" + slice + "\"");
        }
        StringBuilder path = new StringBuilder();
        String[] parts = base.split("-");
        StringBuilder prefix = new StringBuilder();
        for (String p : parts) {
            if (!prefix.isEmpty()) prefix.append('-');
            prefix.append(p);
            path.append('/').append(prefix).append(".slice");
        }
        return path.toString();
    }
}
