package io.jrunc.core.compile;

import io.jrunc.core.host.HostView;
import io.jrunc.core.host.MountInfo;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host whose files, mounts and namespace identities a test sets one by one: for the checks that
 * depend on what the kernel offers (LSMs, time namespaces, the runtime's own network namespace).
 */
public class ScriptedHost implements HostView {
    private final Set<String> paths = new HashSet<>();
    private final Set<String> directories = new HashSet<>();
    private final Map<String, List<String>> contents = new HashMap<>();
    private final Map<String, String> identities = new HashMap<>();
    private final List<String> extraMounts = new ArrayList<>();

    public ScriptedHost file(String path, String... lines) {
        paths.add(path);
        contents.put(path, List.of(lines));
        return this;
    }

    public ScriptedHost dir(String path) {
        paths.add(path);
        directories.add(path);
        return this;
    }

    /** A mountinfo line added to the fake host's table. */
    public ScriptedHost mount(String mountinfoLine) {
        extraMounts.add(mountinfoLine);
        return this;
    }

    /** Paths with the same identity are the same file (a namespace joined by another name). */
    public ScriptedHost identity(String path, String inode) {
        paths.add(path);
        identities.put(path, inode);
        return this;
    }

    /** A host like this project's machines: time namespaces, no LSM, jrunc's netns at /proc/self/ns/net. */
    public static ScriptedHost plain() {
        return new ScriptedHost().file("/proc/self/timens_offsets").identity("/proc/self/ns/net", "net:[1]");
    }

    public MountInfo mounts() {
        List<String> lines = new ArrayList<>(List.of("22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "23 22 0:22 / /proc rw,relatime - proc proc rw"));
        // The cgroup hierarchies of this project's machines (hybrid), as FakeHost has them.
        lines.addAll(FakeHost.CGROUP_MOUNTS);
        lines.addAll(extraMounts);
        return MountInfo.parse(lines);
    }


    public boolean exists(Path path) {
        return paths.contains(path.toString());
    }

    public boolean isDirectory(Path path) {
        return directories.contains(path.toString());
    }

    public List<String> readLines(Path path) {
        return contents.getOrDefault(path.toString(), List.of());
    }

    public boolean sameFile(Path a, Path b) throws IOException {
        String ia = identities.get(a.toString()), ib = identities.get(b.toString());
        if (ia == null) throw new NoSuchFileException(a.toString());
        if (ib == null) throw new NoSuchFileException(b.toString());
        return ia.equals(ib);
    }
}
