package io.jrunc.cli.planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a caller runs where the planner runs: same namespaces, same capabilities, same LSM
 * label. jrunc reads and acts with its own process's view (mounts, pids, /proc, cgroups, the
 * rights to create namespaces); a planner serving a caller from elsewhere would act with the
 * planner's instead. Such a caller is sent to the cold path, where jrunc is its own process.
 */
final class SameContext {
    private static final List<String> NAMESPACES = List.of("mnt", "pid", "user", "net", "uts", "ipc", "cgroup");
    private static final List<String> CAPABILITY_LINES = List.of("CapEff:", "CapPrm:", "CapBnd:");

    private SameContext() {}

    /** What differs between this process and {@code pid} (for the log), or null when nothing does. */
    static String difference(int pid) {
        Path self = Path.of("/proc/self");
        Path peer = Path.of("/proc/" + pid);
        try {
            for (String ns : NAMESPACES) {
                Path mine = self.resolve("ns").resolve(ns);
                Path theirs = peer.resolve("ns").resolve(ns);
                // A namespace type this kernel lacks has no file, for either.
                if (Files.exists(mine) && !Files.readSymbolicLink(mine).equals(Files.readSymbolicLink(theirs))) {
                    return ns + " namespace";
                }
            }
            List<String> myStatus = Files.readAllLines(self.resolve("status"));
            List<String> theirStatus = Files.readAllLines(peer.resolve("status"));
            for (String key : CAPABILITY_LINES) {
                if (!field(myStatus, key).equals(field(theirStatus, key))) return "capabilities (" + key.replace(":", "") + ")";
            }
            return label(self).equals(label(peer)) ? null : "LSM label";
        } catch (IOException e) {
            return "cannot compare with /proc/" + pid + ": " + e.getMessage();
        }
    }

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
