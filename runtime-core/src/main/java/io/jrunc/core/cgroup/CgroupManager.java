package io.jrunc.core.cgroup;

import io.jrunc.core.JruncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's cgroups: one directory per hierarchy, written with plain file I/O. The same object
 * serves create (make and join), kill --all (list and freeze), pause/resume and delete (remove).
 * The JVM itself never joins: only the init helper's pid is written, before it forks the container.
 */
public final class CgroupManager {
    private final Map<String, Path> dirs;

    public CgroupManager(Map<String, Path> dirs) {
        this.dirs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dirs));
    }

    public Map<String, Path> dirs() {
        return dirs;
    }

    /** Creates every directory (and parents), filling cpuset's empty cpus/mems from the parent first. */
    public void create() throws JruncException {
        for (var e : dirs.entrySet()) {
            Path dir = e.getValue();
            try {
                if (e.getKey().contains("cpuset")) createCpuset(dir);
                else Files.createDirectories(dir);
            } catch (IOException ex) {
                throw new JruncException("cgroup: create " + dir + ": " + reason(ex), ex);
            }
        }
    }

    /** A v1 cpuset starts with no cpus and no mems, and a task cannot join it until they are set. */
    private static void createCpuset(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.getParent();
        if (!Files.exists(parent.resolve("cpuset.cpus"))) createCpuset(parent);
        Files.createDirectory(dir);
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            if (Files.readString(dir.resolve(file)).isBlank()) {
                Files.writeString(dir.resolve(file), Files.readString(parent.resolve(file)).trim());
            }
        }
    }

    public void join(int pid) throws JruncException {
        for (Path dir : dirs.values()) {
            try {
                Files.writeString(dir.resolve("cgroup.procs"), Integer.toString(pid));
            } catch (IOException ex) {
                throw new JruncException("cgroup: join " + dir + ": " + reason(ex), ex);
            }
        }
    }

    /** Every pid in the container's cgroup (read from the first hierarchy that has the directory). */
    public List<Integer> pids() throws IOException {
        for (Path dir : dirs.values()) {
            Path procs = dir.resolve("cgroup.procs");
            if (!Files.exists(procs)) continue;
            List<Integer> pids = new ArrayList<>();
            for (String line : Files.readAllLines(procs)) if (!line.isBlank()) pids.add(Integer.parseInt(line.trim()));
            return pids;
        }
        return List.of();
    }

    /** Freezes (true) or thaws the container, waiting until it is (see {@link Freezer}). No-op without a freezer. */
    public void freeze(boolean frozen) throws IOException {
        new Freezer(dirs).freeze(frozen);
    }

    /** Whether the freezer says the container is frozen. */
    public boolean isFrozen() {
        return new Freezer(dirs).isFrozen();
    }

    /**
     * Removes the directories. A cgroup can only be removed once its last task is gone, which the
     * kernel notices a moment after the task is reaped, so this retries for a short while.
     */
    public void destroy() throws JruncException {
        List<String> failed = new ArrayList<>();
        for (Path dir : dirs.values()) {
            if (!removeWithRetry(dir)) failed.add(dir.toString());
        }
        if (!failed.isEmpty()) throw new JruncException("cgroup: failed to remove " + String.join(", ", failed));
    }

    private static boolean removeWithRetry(Path dir) {
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (IOException busy) {
                sleep(5);
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(IOException ex) {
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : " " + m);
    }
}
