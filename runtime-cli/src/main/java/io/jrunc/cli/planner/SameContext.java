package io.jrunc.cli.planner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a caller runs where the planner runs: same namespaces, credentials, capabilities, umask,
 * root directory and LSM label. jrunc reads and acts with its own process's view (mounts, pids,
 * /proc, cgroups, the rights to create namespaces); a planner serving a caller from elsewhere
 * would act with the planner's instead. Such a caller is sent to the cold path, where jrunc is its
 * own process.
 */
final class SameContext {
    private static final List<String> NAMESPACES = List.of("mnt", "pid", "user", "net", "uts", "ipc", "cgroup");

    /** A line of /proc/PID/status that must be the same, and what the log calls a difference in it. */
    private record StatusLine(String key, String difference) {}

    private static final List<StatusLine> STATUS_LINES = List.of(
            // The planner creates files (state dirs, pid files, the spec's config.json) as itself:
            // with its own uids, gids and groups, and with its own umask.
            new StatusLine("Uid:", "credentials (Uid)"),
            new StatusLine("Gid:", "credentials (Gid)"),
            new StatusLine("Groups:", "credentials (Groups)"),
            new StatusLine("CapEff:", "capabilities (CapEff)"),
            new StatusLine("CapPrm:", "capabilities (CapPrm)"),
            new StatusLine("CapBnd:", "capabilities (CapBnd)"),
            new StatusLine("Umask:", "umask"));

    private SameContext() {}

    /**
     * The planner's own side, read once: it never joins a namespace, changes its credentials or
     * capabilities, its umask or its root, so only the caller's side is read per call.
     */
    private static final class Planner {
        static final Context CONTEXT = readSelf();

        private static Context readSelf() {
            try {
                return Context.of(Path.of("/proc/self"), null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the planner's own /proc/self", e);
            }
        }
    }

    /** One process's side of the comparison. A namespace link is null where the kernel has no such type. */
    private record Context(List<String> namespaces, List<String> status, Path root, String label) {
        /** Reads {@code proc}; with {@code like}, only the namespace types that {@code like} has. */
        static Context of(Path proc, Context like) throws IOException {
            List<String> links = new ArrayList<>();
            for (int i = 0; i < NAMESPACES.size(); i++) {
                Path link = proc.resolve("ns").resolve(NAMESPACES.get(i));
                boolean wanted = like == null ? Files.exists(link) : like.namespaces().get(i) != null;
                links.add(wanted ? Files.readSymbolicLink(link).toString() : null);
            }
            return new Context(links, Files.readAllLines(proc.resolve("status")), Files.readSymbolicLink(proc.resolve("root")), SameContext.label(proc));
        }
    }

    /** What differs between this process and {@code pid} (for the log), or null when nothing does. */
    static String difference(int pid) {
        Context mine = Planner.CONTEXT;
        Context theirs;
        try {
            theirs = Context.of(Path.of("/proc/" + pid), mine);
        } catch (IOException e) {
            return "cannot compare with /proc/" + pid + ": " + e.getMessage();
        }
        for (int i = 0; i < NAMESPACES.size(); i++) {
            if (!Objects.equals(mine.namespaces().get(i), theirs.namespaces().get(i))) return NAMESPACES.get(i) + " namespace";
        }
        String status = statusDifference(mine.status(), theirs.status());
        if (status != null) return status;
        // The caller's cwd string (and any relative path it gives) is resolved in the planner's root.
        if (!mine.root().equals(theirs.root())) return "root directory";
        return mine.label().equals(theirs.label()) ? null : "LSM label";
    }

    private static String statusDifference(List<String> mine, List<String> theirs) {
        for (StatusLine line : STATUS_LINES) {
            if (!field(mine, line.key()).equals(field(theirs, line.key()))) return line.difference();
        }
        return null;
    }

    /** A line's value; "" when the kernel has no such line (Umask: is from Linux 4.7), for either. */
    private static String field(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) return line.substring(key.length()).trim();
        }
        return "";
    }

    /** The LSM label; "" without an LSM that has one (no attr/current, or it cannot be read). */
    private static String label(Path proc) {
        try {
            return Files.readString(proc.resolve("attr/current")).trim();
        } catch (IOException noLabel) {
            return "";
        }
    }
}
