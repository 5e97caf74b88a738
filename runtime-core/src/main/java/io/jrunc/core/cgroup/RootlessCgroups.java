package io.jrunc.core.cgroup;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.host.CallerIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Cgroups for a caller that may not own them (runc's rootless cgroup manager): a user without
 * delegated cgroups cannot create directories under /sys/fs/cgroup. As in runc, when the config
 * names no cgroupsPath, each hierarchy the caller cannot write is left out with a warning: the
 * container stays in the caller's own cgroup there, its cgroup mount shows that cgroup, and the
 * state records no cgroup for it. An explicit cgroupsPath is never dropped: it fails as for root.
 */
public final class RootlessCgroups {
    private RootlessCgroups() {}

    /**
     * The hierarchies jrunc creates and joins, and the directory each cgroup mount of the container
     * binds (the container's own where it has one, the caller's elsewhere).
     */
    public record Selection(Map<String, Path> managed, Map<String, Path> forMounts) {}

    /**
     * runc's global {@code --rootless}: "true" or "false" as given; unset or "auto" means rootless
     * for a non-root caller, and for root inside a user namespace (which cannot know what it owns).
     *
     * @param selfUidMap the lines of /proc/self/uid_map
     */
    public static boolean enabled(String flag, int euid, List<String> selfUidMap) throws JruncException {
        if (flag == null || flag.equals("auto")) return euid != 0 || !CallerIds.initialUserNamespace(selfUidMap);
        return switch (flag) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new JruncException("invalid --rootless value " + flag + ": use true, false or auto");
        };
    }

    /**
     * @param wanted   the container's directory per hierarchy
     * @param own      the caller's own directory per hierarchy
     * @param explicit whether the config gave linux.cgroupsPath
     */
    public static Selection select(Map<String, Path> wanted, Map<String, Path> own, boolean explicit) {
        return select(wanted, own, explicit, RootlessCgroups::writable);
    }

    static Selection select(Map<String, Path> wanted, Map<String, Path> own, boolean explicit, Predicate<Path> writable) {
        if (explicit) return new Selection(wanted, wanted);
        Map<String, Path> managed = new LinkedHashMap<>();
        Map<String, Path> forMounts = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (var e : wanted.entrySet()) {
            boolean ours = writable.test(e.getValue());
            if (ours) managed.put(e.getKey(), e.getValue());
            else skipped.add(e.getKey().isEmpty() ? "cgroup2 " + e.getValue() : e.getValue().toString());
            Path mount = ours ? e.getValue() : own.get(e.getKey());
            if (mount != null) forMounts.put(e.getKey(), mount);
        }
        if (!skipped.isEmpty()) {
            Debug.warn(() -> "rootless: no permission to create cgroups (not delegated to this user): " + String.join(", ", skipped)
                    + "; the container stays in the caller's own cgroups there, without limits or a cgroup in its state");
        }
        return new Selection(managed, forMounts);
    }

    /**
     * Whether the caller can make the directory and move a task into it: an existing one needs a
     * writable cgroup.procs, a missing one a writable nearest existing parent (what it creates is its own).
     */
    static boolean writable(Path dir) {
        if (Files.isDirectory(dir)) return Files.isWritable(dir.resolve("cgroup.procs"));
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) return Files.isWritable(p);
        }
        return false;
    }
}
