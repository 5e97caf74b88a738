package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cgroups an exec'd process joins: the container's, or with {@code --cgroup} existing
 * sub-cgroups of them (runc 1.1's getSubCgroupPaths and newSetnsProcess). {@code --cgroup PATH}
 * applies to every hierarchy (the only form for cgroup v2); {@code --cgroup ctrl[,ctrl]:PATH} to
 * those controllers. A path that leads out of the container's cgroup is refused, compared by path
 * components, not by string prefix (so {@code ../ctr-2} is not inside {@code ctr}). Controllers
 * mounted together (cpu and cpuacct) are one hierarchy: a sub-cgroup given for one applies to both,
 * or the second write would move the process back to the top.
 */
final class ExecCgroups {
    private ExecCgroups() {}

    static Map<String, Path> resolve(Map<String, String> container, List<String> args) throws JruncException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        container.forEach((k, v) -> dirs.put(k, Path.of(v)));
        if (args.isEmpty()) return dirs;
        Map<String, String> sub = parse(args);
        Map<String, Path> out = new LinkedHashMap<>(dirs);
        if (sub.containsKey("")) {
            for (var e : dirs.entrySet()) out.put(e.getKey(), below(e.getValue(), sub.get("")));
            return out;
        }
        for (var e : sub.entrySet()) {
            Path top = dirs.get(e.getKey());
            if (top == null) throw new JruncException("--cgroup: unknown controller " + e.getKey() + " (the container has " + known(dirs) + ")");
            Path target = below(top, e.getValue());
            for (var d : dirs.entrySet()) if (sameHierarchy(d.getValue(), top)) out.put(d.getKey(), target);
        }
        return out;
    }

    /** runc's parsing and messages: {@code PATH} alone, or {@code ctrl[,ctrl]:PATH} per controller. */
    static Map<String, String> parse(List<String> args) throws JruncException {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String c : args) {
            String[] cs = c.split(":", 3);
            if (cs.length > 2) throw new JruncException("invalid --cgroup argument: " + c);
            if (cs.length == 1) {
                if (args.size() != 1) throw new JruncException("invalid --cgroup argument: " + c + " (missing <controller>: prefix)");
                paths.put("", c);
                continue;
            }
            for (String ctrl : cs[0].split(",", -1)) {
                if (ctrl.isEmpty()) throw new JruncException("invalid --cgroup argument: " + c + " (empty <controller> prefix)");
                if (paths.putIfAbsent(ctrl, cs[1]) != null) {
                    throw new JruncException("invalid --cgroup argument(s): controller " + ctrl + " specified multiple times");
                }
            }
        }
        return paths;
    }

    private static Path below(Path top, String rel) throws JruncException {
        Path target = top.resolve(rel.replaceFirst("^/+", "")).normalize();
        if (!target.startsWith(top)) throw new JruncException(rel + " is not a sub cgroup path");
        return target;
    }

    private static boolean sameHierarchy(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    private static String known(Map<String, Path> dirs) {
        return String.join(", ", dirs.keySet().stream().map(k -> k.isEmpty() ? "\"\" (unified)" : k).toList());
    }
}
