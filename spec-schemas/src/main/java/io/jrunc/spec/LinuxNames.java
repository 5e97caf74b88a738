package io.jrunc.spec;

import java.util.List;
import java.util.Set;

/**
 * The Linux names a config may use, in the kernel's order where the kernel numbers them, so the
 * validator and the code that turns names into numbers agree on one list.
 */
public final class LinuxNames {
    private LinuxNames() {}

    /** Capability names; the index is the capability's number (CAP_CHOWN = 0 ... CAP_CHECKPOINT_RESTORE = 40). */
    public static final List<String> CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /** Rlimit names; the index is the resource number of setrlimit(2) on Linux. */
    public static final List<String> RLIMITS = List.of(
            "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
            "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING",
            "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

    /** The namespace types of {@code linux.namespaces[].type}, in clone-flag order. */
    public static final List<String> NAMESPACE_TYPES =
            List.of("mount", "cgroup", "uts", "ipc", "user", "pid", "network", "time");

    /** Values of {@code linux.rootfsPropagation} besides "" (the runtime's default). */
    public static final Set<String> ROOTFS_PROPAGATIONS = Set.of(
            "shared", "slave", "private", "unbindable", "rshared", "rslave", "rprivate", "runbindable");

    /** Types of {@code linux.devices[].type}: char, block, unbuffered char, FIFO. */
    public static final Set<String> DEVICE_TYPES = Set.of("c", "b", "u", "p");
}
