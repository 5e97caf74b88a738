package io.jrunc.core.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Freezing a container's cgroup: the v1 freezer (freezer.state) where that hierarchy is mounted,
 * else cgroup v2's cgroup.freeze. Both freeze asynchronously: v1 passes through FREEZING, v2 reports
 * "frozen 1" in cgroup.events once every task has stopped; freezing waits for that, so a paused
 * container has really stopped running when `pause` returns (and `kill --all` lists a still set).
 */
public final class Freezer {
    private static final int WAIT_STEPS = 2000;
    private final Path v1;
    private final Path v2;

    public Freezer(Map<String, Path> dirs) {
        Path freezer = dirs.get("freezer");
        this.v1 = freezer != null && new CgroupDir(freezer).has("freezer.state") ? freezer : null;
        Path unified = dirs.get("");
        this.v2 = v1 == null && unified != null && new CgroupDir(unified).has("cgroup.freeze") ? unified : null;
    }

    /** Whether the container has a freezer at all (no freezer mount and no cgroup2: it cannot be paused). */
    public boolean available() {
        return v1 != null || v2 != null;
    }

    public void freeze(boolean frozen) throws IOException {
        try {
            if (v1 != null) {
                CgroupDir d = new CgroupDir(v1);
                d.write("freezer.state", frozen ? "FROZEN" : "THAWED");
                if (frozen) await(() -> d.read("freezer.state").equals("FROZEN"), v1);
            } else if (v2 != null) {
                CgroupDir d = new CgroupDir(v2);
                d.write("cgroup.freeze", frozen ? "1" : "0");
                if (d.has("cgroup.events")) {
                    long want = frozen ? 1 : 0;
                    await(() -> d.readKeyValues("cgroup.events").getOrDefault("frozen", want) == want, v2);
                }
            }
        } catch (CgroupWriteException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public boolean isFrozen() {
        try {
            if (v1 != null) return new CgroupDir(v1).read("freezer.state").equals("FROZEN");
            if (v2 != null) return new CgroupDir(v2).read("cgroup.freeze").equals("1");
        } catch (IOException ignored) {
            // a cgroup that vanished is not frozen
        }
        return false;
    }

    private interface Check {
        boolean done() throws IOException;
    }

    private static void await(Check check, Path dir) throws IOException {
        for (int i = 0; i < WAIT_STEPS; i++) {
            if (check.done()) return;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while freezing " + dir);
            }
        }
        throw new IOException("the freezer of " + dir + " did not settle");
    }
}
