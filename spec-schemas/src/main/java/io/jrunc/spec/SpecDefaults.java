package io.jrunc.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configs {@code jrunc spec} writes: exactly what runc 1.1 ({@code libcontainer/specconv}
 * Example and ToRootless) produces, so that {@code writePretty(runcDefault())} is byte for byte
 * the config.json of {@code runc spec} on the same host, including the hostname "runc": a bundle
 * made by either runtime runs the same under both, and tests can compare them.
 *
 * <p>Like runc, the defaults depend on the host in two places: a cgroup namespace is added only
 * when /sys/fs/cgroup is the cgroup v2 unified hierarchy, and the rootless mappings map the
 * caller's effective uid and gid. The overloads taking those as arguments are pure.
 */
public final class SpecDefaults {
    private SpecDefaults() {}

    /** The ociVersion runc 1.1 writes in generated configs, state and features ("spec: 1.0.2-dev"). */
    public static final String OCI_VERSION = "1.0.2-dev";

    /** runc's default hostname, kept so configs from {@code jrunc spec} and {@code runc spec} are equal. */
    public static final String HOSTNAME = "runc";

    private static final List<String> DEFAULT_CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    /** {@code runc spec} on this host. */
    public static Spec runcDefault() {
        return runcDefault(HostFacts.cgroupV2Unified());
    }

    /** {@code runc spec}, with a cgroup namespace or not (runc adds one on cgroup v2 hosts). */
    public static Spec runcDefault(boolean cgroupNamespace) {
        Process process = new Process(true, null, new User(0, 0, null, null, null), List.of("sh"), null,
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"), "/",
                new Capabilities(DEFAULT_CAPS, DEFAULT_CAPS, null, DEFAULT_CAPS, DEFAULT_CAPS),
                List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)), true, null, null, null, null, null, null);
        List<Mount> mounts = List.of(
                new Mount("/proc", "proc", "proc", null, null, null),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"),
                        null, null),
                new Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"), null, null),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
                        null, null),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"), null, null),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"), null, null),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro"),
                        null, null));
        List<Namespace> namespaces = new ArrayList<>();
        for (String type : List.of("pid", "network", "ipc", "uts", "mount")) namespaces.add(new Namespace(type, null));
        if (cgroupNamespace) namespaces.add(new Namespace("cgroup", null));
        Linux linux = new Linux(namespaces, null, null, null,
                new Resources(List.of(new DeviceRule(false, null, null, null, "rwm")), null, null, null, null, null,
                        null, null, null),
                null, null, null, null,
                List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"),
                List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                null, null, null, null, null, null);
        return new Spec(OCI_VERSION, process, new Root("rootfs", true), HOSTNAME, null, mounts, null, null, linux);
    }

    /** {@code runc spec --rootless} for the calling user on this host. */
    public static Spec rootless() {
        long[] ids = HostFacts.effectiveIds();
        return rootless(ids[0], ids[1], HostFacts.cgroupV2Unified());
    }

    /**
     * {@code runc spec --rootless} for a user: no network namespace (an unprivileged user cannot
     * configure one), a user namespace mapping only that user to root, /sys bound from the host
     * instead of a new sysfs (which needs a network namespace), no uid=/gid= mount options
     * (unmapped ids), and no cgroup settings (not delegated by default).
     */
    public static Spec rootless(long hostUid, long hostGid, boolean cgroupNamespace) {
        Spec base = runcDefault(cgroupNamespace);
        List<Namespace> namespaces = new ArrayList<>();
        for (Namespace ns : base.linux().namespaces()) {
            if (!ns.type().equals("network") && !ns.type().equals("user")) namespaces.add(ns);
        }
        namespaces.add(new Namespace("user", null));
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : base.mounts()) {
            if (Path.of(m.destination()).normalize().toString().equals("/sys")) {
                mounts.add(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro"), null,
                        null));
                continue;
            }
            List<String> options = m.options() == null ? null
                    : m.options().stream().filter(o -> !o.startsWith("gid=") && !o.startsWith("uid=")).toList();
            mounts.add(new Mount(m.destination(), m.type(), m.source(), options, m.uidMappings(), m.gidMappings()));
        }
        Linux l = base.linux();
        Linux linux = new Linux(namespaces, List.of(new IdMapping(0, hostUid, 1)), List.of(new IdMapping(0, hostGid, 1)),
                l.sysctl(), null, l.cgroupsPath(), l.devices(), l.seccomp(), l.rootfsPropagation(), l.maskedPaths(),
                l.readonlyPaths(), l.mountLabel(), l.intelRdt(), l.personality(), l.timeOffsets(), l.memoryPolicy(),
                l.netDevices());
        return new Spec(base.ociVersion(), base.process(), base.root(), base.hostname(), base.domainname(), mounts,
                base.hooks(), base.annotations(), linux);
    }

    /** The two host facts runc's defaults depend on, read from files so no native call is needed. */
    private static final class HostFacts {
        /**
         * runc checks statfs("/sys/fs/cgroup") for the cgroup2 magic; cgroup.controllers exists at
         * the top of /sys/fs/cgroup exactly when it is a cgroup2 mount (on hybrid hosts the v2
         * hierarchy sits at /sys/fs/cgroup/unified instead).
         */
        static boolean cgroupV2Unified() {
            return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        }

        /** The effective uid and gid, the second column of /proc/self/status's Uid: and Gid: lines. */
        static long[] effectiveIds() {
            try {
                Map<String, Long> ids = new HashMap<>();
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("Uid:") || line.startsWith("Gid:")) {
                        ids.put(line.substring(0, 3), Long.parseLong(line.substring(4).trim().split("\\s+")[1]));
                    }
                }
                return new long[] {ids.get("Uid"), ids.get("Gid")};
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the effective uid and gid from /proc/self/status", e);
            }
        }
    }
}
