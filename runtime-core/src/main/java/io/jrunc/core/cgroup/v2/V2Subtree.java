package io.jrunc.core.cgroup.v2;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupWriteException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A v2 cgroup only has a controller's files when every ancestor lists the controller in its
 * cgroup.subtree_control. This enables controllers down the path from the hierarchy's root to the
 * container's directory, as runc's CreateCgroupPath does (which enables all of them; on a hybrid
 * host we enable only what the container needs from the v2 side).
 */
public final class V2Subtree {
    private final Path root;
    private final Path dir;

    public V2Subtree(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /** What the hierarchy offers: the root's cgroup.controllers. */
    public Set<String> available() {
        try {
            return new LinkedHashSet<>(Arrays.asList(new CgroupDir(root).read("cgroup.controllers").split("\\s+")));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Adds each controller to every ancestor's subtree_control (root first) where it is missing. */
    public void enable(Set<String> controllers) throws CgroupWriteException {
        enable(controllers, true);
    }

    /**
     * As {@link #enable(Set)}; when not {@code strict}, a controller an ancestor refuses is skipped
     * (runc enables everything it can and lets the write of a knob that is then missing fail).
     */
    public void enable(Set<String> controllers, boolean strict) throws CgroupWriteException {
        for (Path ancestor : ancestors()) {
            CgroupDir a = new CgroupDir(ancestor);
            Set<String> on = enabled(a);
            for (String c : controllers) {
                if (on.contains(c)) continue;
                try {
                    a.write("cgroup.subtree_control", "+" + c);
                } catch (CgroupWriteException e) {
                    if (strict) throw e;
                }
            }
        }
    }

    /** From the mount root down to the directory's parent. */
    private List<Path> ancestors() {
        List<Path> out = new ArrayList<>();
        for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) out.addFirst(p);
        return out;
    }

    private static Set<String> enabled(CgroupDir d) {
        try {
            return new LinkedHashSet<>(Arrays.asList(d.read("cgroup.subtree_control").split("\\s+")));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * The cgroup2 mount a directory is in: its topmost ancestor with cgroup.controllers (the
     * directories above a cgroup2 mount are not cgroupfs, so they have none).
     */
    public static Path mountRootOf(Path dir) {
        Path root = dir;
        for (Path p = dir; p != null; p = p.getParent()) if (new CgroupDir(p).has("cgroup.controllers")) root = p;
        return root;
    }
}
