package io.jrunc.cli.planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** What differs between this process and {@code pid} (for the log), or null when nothing does. */
    static String difference(int pid) {
        Path self = Path.of("/proc/self");
        Path peer = Path.of("/proc/" + pid);
        try {
            String namespace = namespaceDifference(self, peer);
            if (namespace != null) return namespace;
            String status = statusDifference(Files.readAllLines(self.resolve("status")), Files.readAllLines(peer.resolve("status")));
            if (status != null) return status;
            // The caller's cwd string (and any relative path it gives) is resolved in the planner's root.
            if (!root(self).equals(root(peer))) return "root directory";
            return label(self).equals(label(peer)) ? null : "LSM label";
        } catch (IOException e) {
            return "cannot compare with /proc/" + pid + ": " + e.getMessage();
        }
    }

    private static String namespaceDifference(Path self, Path peer) throws IOException {
        for (String ns : NAMESPACES) {
            Path mine = self.resolve("ns").resolve(ns);
            Path theirs = peer.resolve("ns").resolve(ns);
            // A namespace type this kernel lacks has no file, for either.
            if (Files.exists(mine) && !Files.readSymbolicLink(mine).equals(Files.readSymbolicLink(theirs))) {
                return ns + " namespace";
            }
        }
        return null;
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

    /** The root directory as seen from ours: "/" when it is the same. */
    private static Path root(Path proc) throws IOException {
        return Files.readSymbolicLink(proc.resolve("root"));
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
