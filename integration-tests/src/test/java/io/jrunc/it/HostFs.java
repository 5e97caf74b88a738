package io.jrunc.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the host sees: its mount table, processes, cgroups; and careful removal of test directories. */
public final class HostFs {
    private HostFs() {}

    /** Mount points (decoded) of the test JVM's mount namespace, from /proc/self/mountinfo. */
    public static List<String> mountPoints() {
        List<String> out = new ArrayList<>();
        for (String line : mountinfoLines()) {
            String[] f = line.split(" ");
            if (f.length > 4) out.add(unescape(f[4]));
        }
        return out;
    }

    public static List<String> mountinfoLines() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lines of /proc/self/mountinfo whose mount point or root mentions {@code path}. */
    public static List<String> mountsMentioning(Path path) {
        String p = path.toString();
        List<String> out = new ArrayList<>();
        for (String line : mountinfoLines()) {
            String[] f = line.split(" ");
            if (f.length > 4 && (unescape(f[4]).startsWith(p) || unescape(f[3]).startsWith(p))) out.add(line);
        }
        return out;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException ignored) {
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Every test rootfs holds this file with its own host path: after pivot_root, /proc/PID/root no longer says where it is. */
    public static final String OWNER_MARKER = "etc/jrit-rootfs";

    /**
     * The host path of the test rootfs that is process {@code pid}'s root: read from the marker file through
     * /proc/PID/root (works after pivot_root, in another mount namespace), else the /proc/PID/root link itself.
     */
    public static String rootfsOf(long pid) {
        Path root = Path.of("/proc/" + pid + "/root");
        try {
            Path marker = root.resolve(OWNER_MARKER);
            if (Files.isRegularFile(marker)) return Files.readString(marker).strip();
            return Files.readSymbolicLink(root).toString();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** Host pids of processes whose root directory is {@code dir} or below it (see {@link #rootfsOf}). */
    public static List<Long> processesRootedUnder(Path dir) {
        List<Long> out = new ArrayList<>();
        String prefix = dir.toString();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : ds) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == self) continue;
                String r = rootfsOf(pid);
                if (r.equals(prefix) || r.startsWith(prefix + "/")) out.add(pid);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static void killProcessesRootedUnder(Path dir) {
        try {
            for (int round = 0; round < 3; round++) {
                List<Long> pids = processesRootedUnder(dir);
                if (pids.isEmpty()) return;
                for (long pid : pids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                Thread.sleep(200);
            }
        } catch (Throwable t) {
            System.err.println("cleanup: killing leftover processes failed: " + t);
        }
    }

    /**
     * Directories that exist for cgroup path {@code cgroupPath}: /sys/fs/cgroup/&lt;hierarchy&gt;/&lt;path&gt; for every
     * mounted hierarchy, and also below the test JVM's own cgroup of that hierarchy (runc nests there when the caller is
     * not in the root cgroup, e.g. memory here), plus /sys/fs/cgroup/&lt;path&gt; on a pure v2 host.
     */
    public static List<Path> cgroupDirs(String cgroupPath) {
        List<Path> out = new ArrayList<>();
        String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        if (rel.isEmpty()) return out;
        Path base = Path.of("/sys/fs/cgroup");
        if (Files.exists(base.resolve("cgroup.controllers")) && Files.isDirectory(base.resolve(rel))) out.add(base.resolve(rel));
        java.util.Map<String, String> own = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length == 3) for (String c : f[1].isEmpty() ? new String[] {"unified"} : f[1].split(",")) own.put(c.replace("name=", ""), f[2]);
            }
        } catch (IOException ignored) {
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path ctrl : ds) {
                if (!Files.isDirectory(ctrl, LinkOption.NOFOLLOW_LINKS)) continue;
                if (!Files.exists(ctrl.resolve("cgroup.procs"))) continue;
                List<Path> candidates = new ArrayList<>(List.of(ctrl.resolve(rel)));
                String mine = own.get(ctrl.getFileName().toString());
                if (mine != null && !mine.equals("/")) candidates.add(ctrl.resolve(mine.substring(1)).resolve(rel));
                for (Path c : candidates) if (Files.isDirectory(c) && !out.contains(c)) out.add(c);
            }
        } catch (IOException ignored) {
        }
        return out;
    }

    /** Removes (rmdir, deepest first) cgroup directories left for {@code cgroupPath}. */
    public static void removeCgroups(String cgroupPath) {
        for (Path dir : cgroupDirs(cgroupPath)) {
            try (var walk = Files.walk(dir)) {
                walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).forEach(d -> {
                    try {
                        Files.deleteIfExists(d);
                    } catch (IOException ignored) {
                    }
                });
            } catch (IOException | RuntimeException ignored) {
            }
        }
    }

    /** Lazily unmounts (deepest first) every mount point at or below {@code dir}. */
    public static void unmountAllUnder(Path dir) {
        String prefix = dir.toString();
        for (int round = 0; round < 5; round++) {
            List<String> mps = new ArrayList<>();
            for (String mp : mountPoints()) if (mp.equals(prefix) || mp.startsWith(prefix + "/")) mps.add(mp);
            if (mps.isEmpty()) return;
            mps.sort(Comparator.comparingInt(String::length).reversed());
            for (String mp : mps) sh("umount", "-l", mp);
        }
    }

    /**
     * Deletes a test directory: never follows symbolic links and never descends into a mount point (anything still
     * mounted is unmounted first; if that fails the mounted directory is left alone rather than emptied).
     */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        unmountAllUnder(dir);
        List<String> stillMounted = mountPoints();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(dir) && stillMounted.contains(d.toString())) return FileVisitResult.SKIP_SUBTREE;
                    return FileVisitResult.CONTINUE;
                }
                @Override public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    try { Files.delete(f); } catch (IOException ignored) { }
                    return FileVisitResult.CONTINUE;
                }
                @Override public FileVisitResult visitFileFailed(Path f, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
                @Override public FileVisitResult postVisitDirectory(Path d, IOException exc) {
                    try { Files.delete(d); } catch (IOException ignored) { }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("cleanup: cannot delete " + dir + ": " + e);
        }
    }

    /** Runs a host command, returns its exit code (output to the test's stderr). */
    public static int sh(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
