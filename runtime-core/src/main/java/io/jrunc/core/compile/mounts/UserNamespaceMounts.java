package io.jrunc.core.compile.mounts;

import static io.jrunc.core.compile.mounts.MountFlags.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.core.host.CallerIds;
import io.jrunc.core.host.HostView;
import io.jrunc.core.host.MountInfo;
import io.jrunc.spec.Mount;
import io.jrunc.spec.Namespace;
import io.jrunc.spec.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What mounts must look like when the container's mount namespace belongs to a user namespace.
 * Decided here, from the config and the host's mount table, so the helper just mounts:
 * <ul>
 * <li><b>locked flags</b>: the host mounts copied into such a mount namespace keep their ro,
 *     nosuid, nodev and noexec locked (the kernel's MNT_LOCK_*); a bind remount that would clear one
 *     fails with EPERM. So a remount keeps the flags the source's mount has, like runc's retry with
 *     the statfs flags of the source. A flag the config clears explicitly ("rw", "suid", "dev",
 *     "exec") is not added back: the kernel then refuses, and the error names the mount. Atime flags
 *     need nothing: a remount that names none keeps the existing ones;</li>
 * <li><b>sysfs</b> can only be mounted by the owner of the network namespace: without a network
 *     namespace of its own the container gets the host's /sys bound recursively (what
 *     {@code spec --rootless} writes), with the config's options;</li>
 * <li><b>mqueue</b> likewise needs the ipc namespace's owner: without its own ipc namespace the
 *     host's /dev/mqueue is bound when the host has one, else the config is refused with a reason
 *     (runc 1.1 fails there with a bare EPERM);</li>
 * <li><b>cgroup2</b> without a cgroup namespace cannot be mounted either: the host's
 *     /sys/fs/cgroup is bound instead, as runc does.</li>
 * </ul>
 * Without a user namespace (neither the container's nor jrunc's own) every method leaves the mount
 * as the config says, and devices are made with mknod.
 */
public final class UserNamespaceMounts {
    /** The flags the kernel locks on mounts inherited by a less privileged mount namespace. */
    static final long LOCKABLE = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;

    private static final Map<String, Long> PER_MOUNT = Map.of("ro", MS_RDONLY, "nosuid", MS_NOSUID, "nodev", MS_NODEV,
            "noexec", MS_NOEXEC);
    private static final Map<String, Long> CLEARING = Map.of("rw", MS_RDONLY, "suid", MS_NOSUID, "dev", MS_NODEV,
            "exec", MS_NOEXEC);

    private final boolean userns;
    private final boolean ownNetwork;
    private final boolean ownIpc;
    private final HostView host;

    private UserNamespaceMounts(boolean userns, boolean ownNetwork, boolean ownIpc, HostView host) {
        this.userns = userns;
        this.ownNetwork = ownNetwork;
        this.ownIpc = ownIpc;
        this.host = host;
    }

    /** Active when the container has a user namespace, or jrunc itself already runs in one (as runc checks both). */
    public static UserNamespaceMounts of(Spec spec, UserNamespace ns, HostView host) {
        List<Namespace> list = spec.linux() == null || spec.linux().namespaces() == null ? List.of() : spec.linux().namespaces();
        boolean userns = ns.enabled() || !CallerIds.initialUserNamespace(host);
        return new UserNamespaceMounts(userns, created(list, "network"), created(list, "ipc"), host);
    }

    /** A namespace the container creates (after its user namespace, so the user namespace owns it). */
    private static boolean created(List<Namespace> list, String type) {
        return list.stream().anyMatch(n -> type.equals(n.type()) && (n.path() == null || n.path().isEmpty()));
    }

    public boolean active() {
        return userns;
    }

    /** The mount to make instead of {@code m} (config path {@code field}), or {@code m} itself. */
    Mount substitute(String field, Mount m) throws ConfigException {
        if (!userns) return m;
        String type = m.type() == null ? "" : m.type();
        if (type.equals("sysfs") && !ownNetwork) return rbind(m, "/sys");
        if (type.equals("mqueue") && !ownIpc) {
            if (!hostHas("/dev/mqueue", "mqueue")) {
                throw new ConfigException(field, "mqueue can only be mounted in a user namespace by a container with its own "
                        + "ipc namespace, and the host has no /dev/mqueue to bind instead: add {\"type\":\"ipc\"} to linux.namespaces");
            }
            return rbind(m, "/dev/mqueue");
        }
        return m;
    }

    /** A cgroup2 mount needs a cgroup namespace of the container's own in a user namespace. */
    boolean cgroup2NeedsBind(boolean cgroupNamespace) {
        return userns && !cgroupNamespace;
    }

    /**
     * The lockable flags of the host mount holding {@code source} that a remount must keep; 0 without a
     * user namespace. {@code options} are the config's, whose explicit clears are honoured.
     */
    public long locked(Path source, List<String> options) throws ConfigException {
        if (!userns) return 0;
        MountInfo.Entry entry;
        try {
            entry = host.mounts().mountContaining(source);
        } catch (IOException e) {
            throw new ConfigException("mounts", "cannot read the mount table: " + e.getMessage());
        }
        if (entry == null) return 0;
        long flags = 0;
        for (String o : entry.options().split(",")) flags |= PER_MOUNT.getOrDefault(o, 0L);
        for (String o : options == null ? List.<String>of() : options) flags &= ~CLEARING.getOrDefault(o, 0L);
        return flags & LOCKABLE;
    }

    private boolean hostHas(String mountPoint, String fstype) {
        try {
            return host.mounts().entries().stream().anyMatch(e -> e.mountPoint().equals(mountPoint) && e.fstype().equals(fstype));
        } catch (IOException e) {
            return false;
        }
    }

    private static Mount rbind(Mount m, String hostPath) {
        List<String> options = new ArrayList<>(m.options() == null ? List.of() : m.options());
        options.add("rbind");
        return new Mount(m.destination(), "bind", hostPath, options, null, null);
    }
}
