package io.jrunc.core.state;

import io.jrunc.core.JruncException;
import io.jrunc.core.host.MountInfo;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mounts a container without a mount namespace of its own leaves in the runtime's namespace,
 * and their removal. A mount namespace would take them with it; the runtime's stays.
 *
 * <p>`create` writes {@code <state dir>/host-mounts} before the helper runs, so before the first
 * mount is made: the real path of the rootfs and every mount already at or below it (the
 * baseline: a Docker overlay the rootfs lives on, volumes mounted there beforehand). Every mount at
 * or below the rootfs that is not in the baseline is the container's: those the config asked for,
 * wherever a symlink in the rootfs led them (the helper resolves targets inside the root, so they
 * cannot be elsewhere), the console, and whatever the container's processes mounted themselves.
 * Nothing is lost if jrunc or the helper dies at any point: the record never needs updating.
 *
 * <p>`delete` (after every process of the container is killed, so nothing races it) and a failed
 * create unmount them newest first, detached and without following a last symlink, until none is
 * left. The record goes with the state dir only after that, so a failure can be retried.
 */
public final class HostMounts {
    public static final String FILE = "host-mounts";
    private static final int MNT_DETACH = 2;
    private static final int UMOUNT_NOFOLLOW = 8;

    private final String rootfs;
    private final Set<String> baseline;

    private HostMounts(String rootfs, Set<String> baseline) {
        this.rootfs = rootfs;
        this.baseline = baseline;
    }

    /** Writes the record for a container whose root is {@code rootfs} (temp + rename). */
    public static void record(Path stateDir, Path rootfs, MountInfo now) throws JruncException {
        try {
            String root = rootfs.toRealPath().toString();
            // Everything on the host is below /: such a container is refused at compile already.
            if (root.equals("/")) throw new JruncException("root.path: the host's / cannot be the root of a container without a mount namespace");
            if (root.indexOf('\n') >= 0) throw new JruncException("root.path: a newline in the rootfs path cannot be recorded");
            StringBuilder out = new StringBuilder(root).append('\n');
            for (MountInfo.Entry e : below(root, now)) out.append(key(e)).append('\n');
            Path tmp = stateDir.resolve("." + FILE + ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new JruncException("cannot record the container's mounts in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** The record in {@code stateDir}, or null when the container had a mount namespace (no file). */
    public static HostMounts load(Path stateDir) throws JruncException {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return null;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().startsWith("/")) throw new IOException("no rootfs in it");
            return new HostMounts(lines.getFirst(), new HashSet<>(lines.subList(1, lines.size())));
        } catch (IOException e) {
            throw new JruncException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the container's mounts if it has a record; nothing to do (and no native call) otherwise. */
    public static void removeAll(Path stateDir, Syscalls sys) throws JruncException {
        HostMounts record = load(stateDir);
        if (record != null) record.unmount(sys);
    }

    /** The container's mounts in {@code now}, in mountinfo order (oldest first). */
    public List<MountInfo.Entry> added(MountInfo now) {
        List<MountInfo.Entry> out = new ArrayList<>();
        for (MountInfo.Entry e : below(rootfs, now)) {
            if (!baseline.contains(key(e))) out.add(e);
        }
        return out;
    }

    public String rootfs() {
        return rootfs;
    }

    void unmount(Syscalls sys) throws JruncException {
        List<MountInfo.Entry> left = List.of();
        ErrnoException last = null;
        // A detached parent takes its children along; stacked mounts need one round each.
        for (int round = 0; round < 16; round++) {
            left = added(mountTable());
            if (left.isEmpty()) return;
            for (MountInfo.Entry e : left.reversed()) {
                try {
                    sys.umount2(e.mountPoint(), MNT_DETACH | UMOUNT_NOFOLLOW);
                } catch (ErrnoException x) {
                    last = x; // gone with its parent already, or really stuck: the next round tells
                }
            }
        }
        throw new JruncException("cannot unmount " + left.size() + " of the container's mounts below " + rootfs + ", first "
                + left.getFirst().mountPoint() + (last == null ? "" : ": " + last.getMessage()));
    }

    private static MountInfo mountTable() throws JruncException {
        try {
            return MountInfo.ofSelf();
        } catch (IOException e) {
            throw new JruncException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
    }

    private static List<MountInfo.Entry> below(String root, MountInfo table) {
        List<MountInfo.Entry> out = new ArrayList<>();
        for (MountInfo.Entry e : table.entries()) {
            String mp = e.mountPoint();
            if (mp.equals(root) || mp.startsWith(root.equals("/") ? "/" : root + "/")) out.add(e);
        }
        return out;
    }

    /** A mount as the baseline knows it: its id and where it is (ids are reused only after an unmount). */
    private static String key(MountInfo.Entry e) {
        return e.id() + " " + e.mountPoint().replace("\\", "\\134").replace("\n", "\\012");
    }
}
