package io.jrunc.core.compile.mounts;

import static io.jrunc.core.compile.mounts.MountFlags.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupLayout;
import io.jrunc.core.cgroup.Hierarchy;
import io.jrunc.core.host.HostView;
import io.jrunc.core.plan.Op.Create;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Mount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of config.json's mounts -> MOUNT ops, the way mount(2) needs them split:
 * <ul>
 * <li>a bind mount first binds, then remounts to apply ro/nosuid/nodev/noexec (the kernel ignores
 *     those flags on the binding call itself);</li>
 * <li>each propagation option (rslave, private, ...) is a call of its own;</li>
 * <li>{@code cgroup} becomes a tmpfs with one mount per v1 hierarchy, like runc's cgroup v1
 *     handling (on a hybrid host the cgroup2 hierarchy is left out, as runc does), or a single
 *     cgroup2 mount on a pure v2 host; the read-only option applies to the hierarchies, and the
 *     tmpfs holding them stays writable, as runc 1.1 leaves it;</li>
 * <li>a read-only /dev is mounted writable and made read-only after the device nodes are made;</li>
 * <li>in a user namespace, {@link UserNamespaceMounts} swaps what cannot be mounted there for binds
 *     and adds the flags the kernel locks to every bind remount.</li>
 * </ul>
 */
public final class MountCompiler {
    private final Path bundle;
    private final Map<String, Path> cgroupDirs;
    private final HostView host;
    private final boolean cgroupNamespace;
    private final UserNamespaceMounts userns;
    /** Remounts that must wait until after the device nodes exist. */
    private final List<Op> deferred = new ArrayList<>();

    /**
     * @param bundle relative bind sources are the bundle's
     * @param cgroupDirs the container's cgroup directory per hierarchy name (for cgroup mounts)
     */
    public MountCompiler(Path bundle, Map<String, Path> cgroupDirs, HostView host, boolean cgroupNamespace, UserNamespaceMounts userns) {
        this.bundle = bundle;
        this.cgroupDirs = cgroupDirs;
        this.host = host;
        this.cgroupNamespace = cgroupNamespace;
        this.userns = userns;
    }

    /** What a remount of something bound from {@code hostPath} must keep set (see {@link UserNamespaceMounts}). */
    public long lockedFlags(Path hostPath) throws ConfigException {
        return userns.locked(hostPath, List.of());
    }

    public List<Op> deferred() {
        return deferred;
    }

    public void compile(int index, Mount m, List<Op> ops) throws ConfigException {
        String path = "mounts[" + index + "]";
        if (m.destination() == null || m.destination().isEmpty()) {
            throw new ConfigException(path + ".destination", "must not be empty");
        }
        m = userns.substitute(path, m);
        String dest = m.destination().startsWith("/") ? m.destination() : "/" + m.destination();
        Origin origin = Origin.of(path, dest);
        MountOptions opts = MountOptions.parse(m.options());
        String type = m.type() == null ? "" : m.type();
        if (opts.isBind() || type.equals("bind")) {
            bind(path, origin, m, dest, opts, ops);
        } else if (type.equals("cgroup")) {
            cgroup(origin, dest, opts, ops);
        } else {
            if (type.isEmpty()) throw new ConfigException(path + ".type", "a mount that is not a bind mount needs a type");
            long flags = opts.flags();
            if (dest.equals("/dev") && (flags & MS_RDONLY) != 0) {
                flags &= ~MS_RDONLY;
                deferred.add(new Op.Mount(origin, "", dest, "", MS_REMOUNT | flags | MS_RDONLY, opts.data(), Create.MUST_EXIST));
            }
            ops.add(new Op.Mount(origin, source(m, type), dest, type, flags, opts.data(), Create.DIRECTORY));
            propagate(origin, dest, opts, ops);
        }
    }

    private void bind(String path, Origin origin, Mount m, String dest, MountOptions opts, List<Op> ops)
            throws ConfigException {
        if (m.source() == null || m.source().isEmpty()) throw new ConfigException(path + ".source", "a bind mount needs a source");
        Path source = bundle.resolve(m.source()).normalize();
        if (!host.exists(source)) {
            throw new ConfigException(path + ".source", "bind source " + source + " does not exist");
        }
        Create create = host.isDirectory(source) ? Create.DIRECTORY : Create.FILE;
        long bindFlags = MS_BIND | (opts.flags() & MS_REC);
        ops.add(new Op.Mount(origin, source.toString(), dest, "", bindFlags, "", create));
        long rest = opts.flags() & ~(MS_BIND | MS_REC | MS_REMOUNT);
        if (rest != 0) {
            long keep = userns.locked(source, m.options());
            ops.add(new Op.Mount(origin, "", dest, "", MS_BIND | MS_REMOUNT | (opts.flags() & ~MS_REC) | keep, "",
                    Create.MUST_EXIST));
        }
        propagate(origin, dest, opts, ops);
    }

    private static void propagate(Origin origin, String dest, MountOptions opts, List<Op> ops) {
        for (long p : opts.propagation()) ops.add(new Op.Mount(origin, "", dest, "", p, "", Create.MUST_EXIST));
    }

    /**
     * Without a cgroup namespace each hierarchy is the host's directory of this container, bound in;
     * with one, the hierarchy is mounted afresh and the kernel shows the namespace's root.
     */
    private void cgroup(Origin origin, String dest, MountOptions opts, List<Op> ops) throws ConfigException {
        CgroupLayout layout;
        try {
            layout = CgroupLayout.from(host.mounts());
        } catch (IOException e) {
            throw new ConfigException(origin.path(), "cannot read the host's cgroup mounts: " + e.getMessage());
        }
        long flags = opts.flags() & ~MS_RDONLY;
        if (layout.mode() == CgroupLayout.Mode.V2) {
            if (userns.cgroup2NeedsBind(cgroupNamespace)) {
                Path host = layout.hierarchies().getFirst().mountPoint();
                ops.add(new Op.Mount(origin, host.toString(), dest, "", MS_BIND, "", Create.DIRECTORY));
                ops.add(new Op.Mount(origin, "", dest, "", MS_BIND | MS_REMOUNT | opts.flags() | userns.locked(host, List.of()), "",
                        Create.MUST_EXIST));
                return;
            }
            ops.add(new Op.Mount(origin, "cgroup2", dest, "cgroup2", opts.flags(), "", Create.DIRECTORY));
            return;
        }
        ops.add(new Op.Mount(origin, "tmpfs", dest, "tmpfs", flags, "mode=755", Create.DIRECTORY));
        for (Hierarchy h : layout.hierarchies()) {
            if (h.isV2()) continue;
            String dir = dest + "/" + h.mountPoint().getFileName();
            Path hostDir = cgroupDirs.get(h.name());
            Origin sub = Origin.of(origin.path(), dir);
            if (cgroupNamespace || hostDir == null) {
                // As runc: a named hierarchy (name=systemd) is mounted with its name as the source.
                String source = h.name().startsWith("name=") ? h.name().substring(5) : "cgroup";
                ops.add(new Op.Mount(sub, source, dir, "cgroup", opts.flags(), h.mountData(), Create.DIRECTORY));
            } else {
                ops.add(new Op.Mount(sub, hostDir.toString(), dir, "", MS_BIND | MS_REC, "", Create.DIRECTORY));
                ops.add(new Op.Mount(sub, "", dir, "", MS_BIND | MS_REMOUNT | opts.flags() | userns.locked(hostDir, List.of()), "",
                        Create.MUST_EXIST));
            }
            // cpu,cpuacct style co-mounts are reachable under each controller's name, as on the host.
            for (String ctrl : h.controllers()) {
                String alias = dest + "/" + ctrl;
                if (h.controllers().size() > 1 && !alias.equals(dir)) {
                    ops.add(new Op.Symlink(sub, h.mountPoint().getFileName().toString(), alias));
                }
            }
        }
    }

    private static String source(Mount m, String type) {
        return m.source() == null || m.source().isEmpty() ? type : m.source();
    }
}
